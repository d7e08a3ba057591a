"""One interface over two full-text engines, chosen by the database in use.

SQLite gets FTS5 (`sqlite.py`), PostgreSQL its own full-text search (`postgres.py`).
Both store the same `SearchDocument` rows and answer the same `search()` call, so
nothing above this package knows which database runs.
"""

from __future__ import annotations

from django.db import connection

from tertulia.search.backends.base import COUNT_CAP, Backend, Filters, Hit, Ranking
from tertulia.search.backends.postgres import PostgresBackend
from tertulia.search.backends.sqlite import SqliteBackend

__all__ = ["COUNT_CAP", "Backend", "Filters", "Hit", "Ranking", "current"]

_backends: dict[str, Backend] = {"postgresql": PostgresBackend(), "sqlite": SqliteBackend()}


def current() -> Backend:
    """The backend for the default database connection."""
    try:
        return _backends[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"search has no backend for {connection.vendor}") from None
