"""The event pages, one module per area; `tertulia/events/urls.py` gathers their URLs."""
