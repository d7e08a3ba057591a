"""Search on PostgreSQL: a weighted tsvector per document, a GIN index, unaccent.

Migration 0002 (on PostgreSQL only) adds the `vector` column (title and body) and the
`title_vector` column (title alone, for the title-match window), their GIN indexes, the
`unaccent` extension and four text-search configurations, `tertulia_en`, `tertulia_es`,
`tertulia_fr` and `tertulia_simple`: copies of english, spanish, french and simple
whose word mappings run unaccent before the stemmer. A document is indexed with the
configuration of its language (title weight A, body weight B); a query is parsed
with each configuration and the four are OR-ed, because the query's language is
unknown. Words and phrases reach PostgreSQL only as parameters of plainto_tsquery and
phraseto_tsquery, which read no operators, so nothing typed is query syntax.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from tertulia.search.backends.base import COUNT_CAP, Filters, Hit, Ranking
from tertulia.search.backends.tsquery import (
    CONFIGURATIONS,
    RECENT_ENOUGH,
    SIMPLE,
    TABLE,
    candidates_sql,
    filter_lexemes,
    more_rows_sql,
    tsquery_sql,
)
from tertulia.search.documents import Document
from tertulia.search.query import ParsedQuery
from tertulia.search.text import base_language

# ts_rank weights for D, C, B (body) and A (title): a title match counts ten times more.
WEIGHTS = "{0, 0, 0.1, 1.0}"

_INSERT = (
    f"INSERT INTO {TABLE} (kind, object_id, title, display_title, body, language, url, "  # noqa: S608
    'date, access, "group", vector, title_vector) '
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
    "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
    "setweight(to_tsvector(%s::regconfig, %s), 'B') || array_to_tsvector(%s::text[]), "
    "to_tsvector(%s::regconfig, %s))"
)
_UPSERT = (
    _INSERT + " ON CONFLICT (kind, object_id) DO UPDATE SET title = EXCLUDED.title, "
    "display_title = EXCLUDED.display_title, body = EXCLUDED.body, "
    "language = EXCLUDED.language, url = EXCLUDED.url, date = EXCLUDED.date, "
    'access = EXCLUDED.access, "group" = EXCLUDED."group", vector = EXCLUDED.vector, '
    "title_vector = EXCLUDED.title_vector"
)


def configuration(language: str) -> str:
    return CONFIGURATIONS.get(base_language(language), SIMPLE)


def _row(document: Document) -> tuple[Any, ...]:
    config = configuration(document.language)
    return (
        document.kind,
        document.object_id,
        document.title,
        document.display_title,
        document.body,
        document.language[:8],
        document.url[:500],
        document.date,
        document.access,
        document.group[:60],
        config,
        document.title,
        config,
        document.body,
        filter_lexemes(document.kind, document.language),
        config,
        document.title,
    )


class PostgresBackend:
    def upsert(self, documents: Sequence[Document]) -> None:
        if documents:
            unique = {(d.kind, d.object_id): d for d in documents}.values()
            with connection.cursor() as cursor:
                cursor.executemany(_UPSERT, [_row(d) for d in unique])

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        # Each batch commits without waiting for the WAL flush: a crash can lose only
        # the last batches of a rebuild, which running it again restores.
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")

    def delete(self, kind: str, object_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE kind = %s AND object_id = ANY(%s)",  # noqa: S608
                [kind, list(object_ids)],
            )

    def clear(self, kind: str | None = None) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if kind is None:
                cursor.execute(f"TRUNCATE {TABLE}")
            else:
                cursor.execute(f"DELETE FROM {TABLE} WHERE kind = %s", [kind])  # noqa: S608

    def set_group_access(self, group: str, access: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE {TABLE} SET access = %s WHERE "group" = %s AND access != %s',  # noqa: S608
                [access, group, access],
            )
            return int(cursor.rowcount)

    def rank(self, query: ParsedQuery, filters: Filters) -> Ranking:
        if query.is_empty or not filters.access:
            return Ranking(ids=[], capped=False)
        candidates, candidate_params = candidates_sql(query, filters)
        tsquery, tsquery_params = tsquery_sql(query)
        more_rows, more_params = more_rows_sql(filters)
        sql = (
            f"{candidates}SELECT id, (SELECT COUNT(*) FROM recent), {more_rows} "  # noqa: S608
            f"FROM {TABLE} WHERE id IN (SELECT id FROM candidates) "
            f"ORDER BY ts_rank('{WEIGHTS}', vector, {tsquery}) DESC, date DESC"
        )
        # `older` runs only for a word rare among the newest rows; the planner, which
        # assumes words and filters independent, may still expect thousands of matches
        # and read the whole table for a few dozen. The GIN index is always right here.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, [*candidate_params, *more_params, *tsquery_params])
            rows = cursor.fetchall()
        ids = [row[0] for row in rows]
        # Ranked within the newest rows only (a common word): more matches are older.
        common = bool(rows) and rows[0][1] >= RECENT_ENOUGH and rows[0][2]
        return Ranking(ids=ids, capped=len(ids) >= COUNT_CAP or common)

    def fetch(self, ids: Sequence[int]) -> list[Hit]:
        if not ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, kind, object_id, title, display_title, body, language, url, date "  # noqa: S608
                f"FROM {TABLE} WHERE id = ANY(%s)",
                [list(ids)],
            )
            rows = {row[0]: Hit(*row[1:]) for row in cursor.fetchall()}
        return [rows[pk] for pk in ids if pk in rows]
