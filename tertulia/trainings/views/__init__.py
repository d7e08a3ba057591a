"""The trainings pages, one module per area."""
