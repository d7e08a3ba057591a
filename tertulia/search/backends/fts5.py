"""The FTS5 side of the SQLite backend: row keys, filter tokens and MATCH expressions.

Row keys follow dates: a document's rowid is its date in microseconds times 16 (plus
a slot for documents sharing a microsecond), so FTS5's own rowid order is date order.
"The 1,000 most recent matches" is then `ORDER BY rowid DESC LIMIT 1000`, which FTS5
answers by walking its doclists backwards and stopping, and a date filter is a rowid
range, which FTS5 applies inside the index.

Access, type and language are tokens of a `meta` column ("aeveryone kpost les"), so
they narrow the match inside FTS5 too. Query words only ever search the title and body
columns, each one quoted: nothing typed is read as FTS5 syntax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from tertulia.search.backends.base import Filters
from tertulia.search.documents import ACCESS_LEVELS
from tertulia.search.query import ParsedQuery
from tertulia.search.text import QUERY_LANGUAGES, index_term

SLOTS_PER_MICROSECOND = 16
_NOT_TOKEN = re.compile(r"[^a-z0-9]")


def date_key(moment: datetime) -> int:
    """The first rowid a document of this date may take (later slots follow)."""
    return round(moment.timestamp() * 1_000_000) * SLOTS_PER_MICROSECOND


def token(prefix: str, value: str) -> str:
    return prefix + _NOT_TOKEN.sub("", value.lower())


def meta_tokens(access: str, kind: str, language: str) -> str:
    return " ".join(
        (token("a", access), token("k", kind), token("l", language) if language else "lnone")
    )


def _quoted(words: Sequence[str]) -> str:
    # Index terms hold letters and digits only, so quoting them cannot be escaped from.
    return '"' + " ".join(words) + '"'


def _words_expression(query: ParsedQuery) -> str:
    """The query in every query language, OR-ed: its words AND-ed, phrases quoted."""
    branches: list[str] = []
    for language in QUERY_LANGUAGES:
        parts = [_quoted([index_term(term, language)]) for term in query.terms]
        parts += [_quoted([index_term(w, language) for w in phrase]) for phrase in query.phrases]
        branch = "(" + " AND ".join(dict.fromkeys(parts)) + ")"
        if branch not in branches:
            branches.append(branch)
    return " OR ".join(branches)


def _narrowing(filters: Filters) -> str:
    """The type and language filters as FTS5 text, or "" without them."""
    parts = []
    if filters.kinds:
        parts.append("(" + " OR ".join(token("k", kind) for kind in filters.kinds) + ")")
    if filters.language:
        parts.append(token("l", filters.language))
    return "meta : (" + " AND ".join(parts) + ")" if parts else ""


def _hidden(filters: Filters) -> str:
    """The access levels the viewer may not see, as FTS5 text, or "" for none.

    Access is written as what to leave out: FTS5 reads every doclist of an expression,
    and "aeveryone" is in nearly every row while the levels left out are the few.
    """
    levels = [level for level in ACCESS_LEVELS if level not in filters.access]
    return "meta : (" + " OR ".join(token("a", level) for level in levels) + ")" if levels else ""


def words_expression(query: ParsedQuery, *, titles_only: bool = False) -> str:
    """The MATCH text for the words alone, in the title (and body) columns."""
    columns = "title" if titles_only else "{title body}"
    return f"{columns} : ({_words_expression(query)})"


def match_expression(query: ParsedQuery, filters: Filters, *, titles_only: bool = False) -> str:
    """The MATCH text: the words in the title (and body) columns, and the filters.

    Call only with at least one access level: a viewer who may see nothing gets no query.
    """
    expression = f"({words_expression(query, titles_only=titles_only)})"
    narrowing = _narrowing(filters)
    if narrowing:
        expression = f"({expression} AND {narrowing})"
    hidden = _hidden(filters)
    return f"{expression} NOT {hidden}" if hidden else expression


def rowid_range(filters: Filters) -> tuple[str, list[int]]:
    """SQL on `rowid` for the date filters, and its parameters."""
    clauses: list[str] = []
    params: list[int] = []
    if filters.date_from is not None:
        clauses.append("rowid >= %s")
        params.append(date_key(filters.date_from))
    if filters.date_to is not None:
        clauses.append("rowid < %s")
        params.append(date_key(filters.date_to))
    return "".join(f" AND {clause}" for clause in clauses), params
