"""The PostgreSQL side of a search: tsqueries, filter lexemes and the candidate window.

A query is parsed by each text-search configuration (the query's language is unknown)
and the four tsqueries are OR-ed. Words and phrases reach PostgreSQL only as parameters
of plainto_tsquery and phraseto_tsquery, which read no operators: nothing typed is
query syntax. The parts are constants, so the planner folds them and estimates the
match from the column statistics.

Type and language are also lexemes of each vector ("k post", "l es": with a space, so
no word of any text can become one), so the GIN index narrows a filtered search before
any row is read.
"""

from __future__ import annotations

import re
from typing import Any

from tertulia.search.backends.base import RANKED_WINDOW, TITLE_WINDOW, Filters
from tertulia.search.query import ParsedQuery
from tertulia.search.text import STEMMED_LANGUAGES

TABLE = "search_searchdocument"
CONFIGURATIONS = {code: f"tertulia_{code}" for code in STEMMED_LANGUAGES}
SIMPLE = "tertulia_simple"
# Rows read newest first before the GIN index is asked instead: a common word fills
# the window within them; a rare one is cheap to find through the index.
RECENT_SCAN = 20_000
# Matches among them that make a word common enough to rank those alone. Below that,
# the whole index is asked: a word this rare has few matches (about RECENT_ENOUGH per
# RECENT_SCAN rows), which the GIN index finds cheaply. Ranking a common word within
# the newest rows is the recency trade-off of `base.RANKED_WINDOW`, made sooner.
RECENT_ENOUGH = 100
_NOT_TOKEN = re.compile(r"[^a-z0-9]")


def _lexeme(prefix: str, value: str) -> str:
    return f"{prefix} {_NOT_TOKEN.sub('', value.lower()) or 'none'}"


def filter_lexemes(kind: str, language: str) -> list[str]:
    """The lexemes a document's vector carries for the type and language filters."""
    return [_lexeme("k", kind), _lexeme("l", language)]


def _filter_tsquery(filters: Filters) -> str:
    """tsquery text for the type and language filters, or "" without them."""
    parts = []
    if filters.kinds:
        parts.append("(" + " | ".join(f"'{_lexeme('k', kind)}'" for kind in filters.kinds) + ")")
    if filters.language:
        parts.append(f"'{_lexeme('l', filters.language)}'")
    return " & ".join(parts)


def tsquery_sql(query: ParsedQuery) -> tuple[str, list[Any]]:
    """SQL for the query's tsquery in every configuration, OR-ed, with its parameters."""
    branches: list[str] = []
    params: list[Any] = []
    for config in (*CONFIGURATIONS.values(), SIMPLE):
        parts: list[str] = []
        if query.terms:
            parts.append(f"plainto_tsquery('{config}', %s)")
            params.append(" ".join(query.terms))
        for phrase in query.phrases:
            parts.append(f"phraseto_tsquery('{config}', %s)")
            params.append(" ".join(phrase))
        branches.append("(" + " && ".join(parts) + ")")
    return "(" + " || ".join(branches) + ")", params


def _dates(filters: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.date_from is not None:
        clauses.append(" AND date >= %s")
        params.append(filters.date_from)
    if filters.date_to is not None:
        clauses.append(" AND date < %s")
        params.append(filters.date_to)
    return "".join(clauses), params


def more_rows_sql(filters: Filters) -> tuple[str, list[Any]]:
    """SQL (a boolean) for "more rows exist than `recent` reads", with its parameters."""
    dates, date_params = _dates(filters)
    sql = (
        f"EXISTS (SELECT 1 FROM {TABLE} WHERE TRUE{dates} "  # noqa: S608
        "ORDER BY date DESC OFFSET %s LIMIT 1)"
    )
    return sql, [*date_params, RECENT_SCAN]


def candidates_sql(query: ParsedQuery, filters: Filters) -> tuple[str, list[Any]]:
    """A WITH clause defining `candidates(id)`: the ids worth ranking, and its parameters.

    `recent`: the newest matches among the RECENT_SCAN newest rows (an index scan by
    date that stops as soon as the window is full). `older`: only when those are fewer
    than RECENT_ENOUGH (its one-time filter skips it otherwise), so only for a rare
    word, every match through the GIN index, of which the newest are kept. It has no
    ORDER BY of its own on purpose: with one, the planner trusts its estimate of the
    match (words and filters are assumed independent, "training" and Spanish are not)
    and walks the date index through a million rows for a few dozen matches.
    `titles`: every title match (titles are few and short: the GIN index on them is
    small), of which the newest are kept.
    """
    words, word_params = tsquery_sql(query)
    narrowing = _filter_tsquery(filters)
    matching = f"({words} && %s::tsquery)" if narrowing else words
    match_params = [*word_params, narrowing] if narrowing else word_params
    dates, date_params = _dates(filters)
    access = list(filters.access)
    columns = []
    column_params: list[Any] = []
    if filters.kinds:
        columns.append(" AND kind = ANY(%s)")
        column_params.append(list(filters.kinds))
    if filters.language:
        columns.append(" AND language = %s")
        column_params.append(filters.language)
    sql = (
        "WITH recent AS MATERIALIZED (SELECT id FROM (SELECT id, vector, access "  # noqa: S608
        f"FROM {TABLE} WHERE TRUE{dates} ORDER BY date DESC LIMIT %s) AS newest "
        f"WHERE vector @@ {matching} AND access = ANY(%s) LIMIT %s), "
        f"older AS MATERIALIZED (SELECT id, date FROM {TABLE} "
        f"WHERE (SELECT COUNT(*) FROM recent) < {RECENT_ENOUGH} AND vector @@ {matching} "
        f"AND access = ANY(%s){dates}), "
        f"titles AS MATERIALIZED (SELECT id, date FROM {TABLE} WHERE title_vector @@ {words} "
        f"AND access = ANY(%s){''.join(columns)}{dates}), "
        "candidates AS (SELECT id FROM recent UNION (SELECT id FROM older "
        "ORDER BY date DESC LIMIT %s) UNION (SELECT id FROM titles ORDER BY date DESC LIMIT %s)) "
    )
    params = [
        *date_params,
        RECENT_SCAN,
        *match_params,
        access,
        RANKED_WINDOW,
        *match_params,
        access,
        *date_params,
        *word_params,
        access,
        *column_params,
        *date_params,
        RANKED_WINDOW,
        TITLE_WINDOW,
    ]
    return sql, params
