"""Results come best first: a title match above a body match, then recent above old."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tertulia.search.backends import sqlite as sqlite_backend
from tertulia.search.backends import tsquery as postgres_queries
from tests.search.conftest import WHEN, document, index, urls

pytestmark = pytest.mark.django_db


def test_title_match_ranks_above_body_match() -> None:
    index(
        document(1, title="Notes from March", body="We spoke about feminist pedagogy at length."),
        document(2, title="Feminist pedagogy", body="Notes from March."),
    )
    assert urls("feminist pedagogy") == ["/notes/2/", "/notes/1/"]


def test_title_match_ranks_above_newer_body_match() -> None:
    index(
        document(1, title="Budgets", body="A word on evaluation.", date=WHEN + timedelta(days=300)),
        document(2, title="Evaluation", body="A word on budgets.", date=WHEN),
    )
    assert urls("evaluation") == ["/notes/2/", "/notes/1/"]


def test_recent_ranks_above_old_at_equal_relevance() -> None:
    index(
        document(1, title="Care work indicators", date=WHEN - timedelta(days=400)),
        document(2, title="Care work indicators", date=WHEN),
        document(3, title="Care work indicators", date=WHEN - timedelta(days=30)),
    )
    assert urls("indicators") == ["/notes/2/", "/notes/3/", "/notes/1/"]


def test_old_title_match_is_ranked_even_behind_many_newer_body_matches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Only the most recent matches are ranked; the most recent title matches join them.
    for module in (sqlite_backend, postgres_queries):
        monkeypatch.setattr(module, "RANKED_WINDOW", 2)
    index(
        document(1, title="Mentoring", date=WHEN - timedelta(days=900)),
        *(
            document(n, title=f"Note {n}", body="mentoring", date=WHEN - timedelta(days=n))
            for n in range(2, 6)
        ),
    )
    assert urls("mentoring") == ["/notes/1/", "/notes/2/", "/notes/3/"]
