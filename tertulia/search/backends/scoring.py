"""BM25 over the candidates of an SQLite search, computed in Python.

FTS5's own bm25() first reads the whole doclist of every phrase in its MATCH, to count
the documents each one appears in; with filter tokens that appear in nearly every row,
and a window of candidates that leaves most matches unranked anyway, that reading costs
more than the search. The candidates' index terms are at hand (they come with the
window, in the same query), so the score is computed here with FTS5's formula: the
title's term frequency weighted ten times the body's, saturated by k1, normalised by the
document's length against the candidates' average. Every candidate holds every word of
the query, so the inverse document frequency, the same for all, is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tertulia.search.query import ParsedQuery
from tertulia.search.text import QUERY_LANGUAGES, index_term

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0


@dataclass(frozen=True)
class Candidate:
    row_id: int
    title: str  # index terms separated by spaces
    body: str


def _units(query: ParsedQuery) -> list[frozenset[tuple[str, ...]]]:
    """Each term and phrase of the query as the term sequences it may match."""
    units: list[frozenset[tuple[str, ...]]] = [
        frozenset((index_term(term, language),) for language in QUERY_LANGUAGES)
        for term in query.terms
    ]
    units += [
        frozenset(tuple(index_term(w, language) for w in phrase) for language in QUERY_LANGUAGES)
        for phrase in query.phrases
    ]
    return units


def _frequency(terms: list[str], unit: frozenset[tuple[str, ...]]) -> int:
    if all(len(sequence) == 1 for sequence in unit):
        return sum(terms.count(sequence[0]) for sequence in unit)
    found = 0
    for sequence in unit:
        size = len(sequence)
        first = sequence[0]
        found += sum(
            1
            for position, term in enumerate(terms)
            if term == first and tuple(terms[position : position + size]) == sequence
        )
    return found


def ranked(query: ParsedQuery, candidates: Sequence[Candidate]) -> list[int]:
    """Candidate row ids, best first; rowids follow dates, so ties go to the newer."""
    if not candidates:
        return []
    units = _units(query)
    split = [(c.row_id, c.title.split(), c.body.split()) for c in candidates]
    average = sum(len(title) + len(body) for _, title, body in split) / len(split) or 1.0
    scores: list[tuple[float, int]] = []
    for row_id, title, body in split:
        norm = K1 * (1 - B + B * (len(title) + len(body)) / average)
        score = 0.0
        for unit in units:
            weighted = TITLE_WEIGHT * _frequency(title, unit) + BODY_WEIGHT * _frequency(body, unit)
            score += weighted * (K1 + 1) / (weighted + norm)
        scores.append((score, row_id))
    scores.sort(key=lambda pair: (-pair[0], -pair[1]))
    return [row_id for _score, row_id in scores]
