"""Dialogue pages, one module per area: reading, running a dialogue, proceedings."""
