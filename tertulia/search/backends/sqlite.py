"""Search on SQLite: an FTS5 table of stemmed words beside the SearchDocument rows.

`search_fts` (created by migration 0002 on SQLite only) holds, under the same rowid as
its `search_searchdocument` row, the title and the body as index terms
(`text.index_text`: stemmed by the document's language, folded) and the `meta` filter
tokens (see `fts5.py`). The tokenizer is unicode61 with remove_diacritics 2, which
leaves our already-folded words as they are. A trigger removes the FTS row when its
document row goes.

Ranking: BM25 with the title weighted ten times the body, then the more recent first,
over the candidates of `base.RANKED_WINDOW` and `base.TITLE_WINDOW`, computed in
Python from their index terms (see `scoring.py` for why not with FTS5's bm25()).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction

from tertulia.search.backends.base import (
    COUNT_CAP,
    RANKED_WINDOW,
    TITLE_WINDOW,
    Filters,
    Hit,
    Ranking,
)
from tertulia.search.backends.fts5 import (
    date_key,
    match_expression,
    meta_tokens,
    rowid_range,
)
from tertulia.search.backends.scoring import Candidate, ranked
from tertulia.search.documents import Document
from tertulia.search.query import ParsedQuery
from tertulia.search.text import base_language, index_text

TABLE = "search_searchdocument"
FTS = "search_fts"
# Titles alone (documents without one have no row): the title window is walked here, so
# a filter on replies, which have no titles, finds nothing at once instead of reading
# every title-column position of a common word in the big table.
TITLE_FTS = "search_fts_title"
# Older SQLite builds allow 999 variables a statement; a chunk stays well below.
ROWS_PER_STATEMENT = 500

CREATE_FTS = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5("
    "title, body, meta, tokenize = 'unicode61 remove_diacritics 2')"
)
CREATE_TITLE_FTS = (
    f"CREATE VIRTUAL TABLE {TITLE_FTS} USING fts5("
    "title, meta, tokenize = 'unicode61 remove_diacritics 2')"
)
CREATE_TRIGGER = (
    f"CREATE TRIGGER search_fts_delete AFTER DELETE ON {TABLE} BEGIN "  # noqa: S608
    f"DELETE FROM {FTS} WHERE rowid = old.id; "
    f"DELETE FROM {TITLE_FTS} WHERE rowid = old.id; END"
)
_COLUMNS = 'id, kind, object_id, title, display_title, body, language, url, date, access, "group"'


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), ROWS_PER_STATEMENT):
        yield items[start : start + ROWS_PER_STATEMENT]


def _marks(count: int) -> str:
    return ", ".join(["%s"] * count)


class SqliteBackend:
    def upsert(self, documents: Sequence[Document]) -> None:
        unique = list({(d.kind, d.object_id): d for d in documents}.values())
        if not unique:
            return
        with transaction.atomic():
            by_kind: dict[str, list[int]] = {}
            for document in unique:
                by_kind.setdefault(document.kind, []).append(document.object_id)
            for kind, ids in by_kind.items():
                self.delete(kind, ids)
            self._insert(unique)

    def _row_ids(self, cursor: Any, documents: Sequence[Document]) -> list[int]:
        """A free rowid for each document, as close after its date key as possible."""
        taken: set[int] = set()
        ids: list[int] = []
        for document in documents:
            key = date_key(document.date)
            while key in taken:
                key += 1
            taken.add(key)
            ids.append(key)
        while True:
            clashes: set[int] = set()
            for chunk in _chunks(ids):
                cursor.execute(
                    f"SELECT id FROM {TABLE} WHERE id IN ({_marks(len(chunk))})",  # noqa: S608
                    list(chunk),
                )
                clashes.update(row[0] for row in cursor.fetchall())
            if not clashes:
                return ids
            for position, key in enumerate(ids):
                if key in clashes:
                    moved = key + 1
                    while moved in taken or moved in clashes:
                        moved += 1
                    taken.add(moved)
                    ids[position] = moved

    def _insert(self, documents: Sequence[Document]) -> None:
        with connection.cursor() as cursor:
            ids = self._row_ids(cursor, documents)
            rows: list[tuple[Any, ...]] = []
            fts_rows: list[tuple[Any, ...]] = []
            title_rows: list[tuple[Any, ...]] = []
            for row_id, document in zip(ids, documents, strict=True):
                language = base_language(document.language)
                rows.append(
                    (
                        row_id,
                        document.kind,
                        document.object_id,
                        document.title,
                        document.display_title,
                        document.body,
                        document.language[:8],
                        document.url[:500],
                        connection.ops.adapt_datetimefield_value(document.date),
                        document.access,
                        document.group[:60],
                    )
                )
                title = index_text(document.title, language)
                meta = meta_tokens(document.access, document.kind, document.language)
                fts_rows.append((row_id, title, index_text(document.body, language), meta))
                if title:
                    title_rows.append((row_id, title, meta))
            cursor.executemany(
                f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES ({_marks(11)})",  # noqa: S608
                rows,
            )
            cursor.executemany(
                f"INSERT INTO {FTS} (rowid, title, body, meta) VALUES (%s, %s, %s, %s)",  # noqa: S608
                fts_rows,
            )
            cursor.executemany(
                f"INSERT INTO {TITLE_FTS} (rowid, title, meta) VALUES (%s, %s, %s)",  # noqa: S608
                title_rows,
            )

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        # A rebuild writes gigabytes: without fsync at every checkpoint and with a large
        # page cache for FTS5's segment merges it runs several times faster. A crash
        # meanwhile can only lose index rows, and running the rebuild again restores them.
        # (SQLite refuses to change `synchronous` inside a transaction: then it stays.)
        outside_transaction = not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous")
            synchronous = int(cursor.fetchone()[0])
            cursor.execute("PRAGMA cache_size")
            cache_size = int(cursor.fetchone()[0])
            if outside_transaction:
                cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                if outside_transaction:
                    cursor.execute(f"PRAGMA synchronous = {synchronous}")
                cursor.execute(f"PRAGMA cache_size = {cache_size}")

    def delete(self, kind: str, object_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            for chunk in _chunks(list(object_ids)):
                cursor.execute(
                    f"DELETE FROM {TABLE} WHERE kind = %s "  # noqa: S608
                    f"AND object_id IN ({_marks(len(chunk))})",
                    [kind, *chunk],
                )

    def clear(self, kind: str | None = None) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if kind is not None:
                cursor.execute(f"DELETE FROM {TABLE} WHERE kind = %s", [kind])  # noqa: S608
                return
            # Dropping and recreating is far faster than deleting a million FTS rows.
            cursor.execute("DROP TRIGGER IF EXISTS search_fts_delete")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")
            cursor.execute(f"DROP TABLE IF EXISTS {TITLE_FTS}")
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
            cursor.execute(CREATE_FTS)
            cursor.execute(CREATE_TITLE_FTS)
            cursor.execute(CREATE_TRIGGER)

    def set_group_access(self, group: str, access: str) -> int:
        # The access is also a filter token in FTS5, so each row's `meta` is rewritten.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f'SELECT id, kind, language FROM {TABLE} WHERE "group" = %s '  # noqa: S608
                "AND access != %s",
                [group, access],
            )
            rows = cursor.fetchall()
            for chunk in _chunks(rows):
                cursor.execute(
                    f"UPDATE {TABLE} SET access = %s "  # noqa: S608
                    f"WHERE id IN ({_marks(len(chunk))})",
                    [access, *(row[0] for row in chunk)],
                )
            metas = [
                (meta_tokens(access, kind, language), row_id) for row_id, kind, language in rows
            ]
            cursor.executemany(f"UPDATE {FTS} SET meta = %s WHERE rowid = %s", metas)  # noqa: S608
            cursor.executemany(f"UPDATE {TITLE_FTS} SET meta = %s WHERE rowid = %s", metas)  # noqa: S608
            return len(rows)

    def rank(self, query: ParsedQuery, filters: Filters) -> Ranking:
        if query.is_empty or not filters.access:
            return Ranking(ids=[], capped=False)
        dates, date_params = rowid_range(filters)
        # One statement: the most recent matches (FTS5 walks its doclists backwards and
        # stops), then, only when those fill the window, the most recent title matches
        # (LIMIT 0 otherwise: every match is already in), then the index terms of each
        # candidate for scoring. MATERIALIZED: each window is walked once.
        sql = (
            f"WITH recent(id) AS MATERIALIZED (SELECT rowid FROM {FTS} "  # noqa: S608
            f"WHERE {FTS} MATCH %s{dates} ORDER BY rowid DESC LIMIT %s), "
            f"titles(id) AS MATERIALIZED (SELECT rowid FROM {TITLE_FTS} "
            f"WHERE {TITLE_FTS} MATCH %s{dates} "
            "ORDER BY rowid DESC LIMIT (CASE WHEN (SELECT COUNT(*) FROM recent) >= %s "
            "THEN %s ELSE 0 END)), "
            "candidates(id) AS (SELECT id FROM recent UNION SELECT id FROM titles) "
            f"SELECT f.rowid, f.title, f.body FROM candidates c JOIN {FTS} f ON f.rowid = c.id"
        )
        params: list[Any] = [
            match_expression(query, filters),
            *date_params,
            RANKED_WINDOW,
            match_expression(query, filters, titles_only=True),
            *date_params,
            RANKED_WINDOW,
            TITLE_WINDOW,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            candidates = [Candidate(*row) for row in cursor.fetchall()]
        return Ranking(ids=ranked(query, candidates), capped=len(candidates) >= COUNT_CAP)

    def fetch(self, ids: Sequence[int]) -> list[Hit]:
        if not ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, kind, object_id, title, display_title, body, language, url, date "  # noqa: S608
                f"FROM {TABLE} WHERE id IN (SELECT value FROM json_each(%s))",
                [json.dumps(list(ids))],
            )
            rows = {row[0]: _hit(row[1:]) for row in cursor.fetchall()}
        return [rows[pk] for pk in ids if pk in rows]


def _hit(row: Sequence[Any]) -> Hit:
    kind, object_id, title, display_title, body, language, url, date = row
    if isinstance(date, str):  # raw SQL on SQLite returns the stored text, in UTC
        date = datetime.fromisoformat(date).replace(tzinfo=UTC)
    return Hit(kind, int(object_id), title, display_title, body, language, url, date)
