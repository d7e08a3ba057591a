"""The search page: an accessible form, filters, pagination and a constant query count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tertulia.accounts.middleware import TIME_ZONE_COOKIE
from tertulia.search.queries import RESULTS_PER_PAGE
from tests.search.conftest import WHEN, document, index

pytestmark = pytest.mark.django_db


def _page(client: Client, **params: str) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_form_is_a_labelled_search_landmark_that_works_without_javascript(client: Client) -> None:
    page = _page(client)
    assert '<form class="search-form" method="get" action="/search/" role="search"' in page
    for name in ("q", "type", "language", "date_from", "date_to"):
        assert f'<label for="id_{name}"' in page
    assert '<button type="submit">Search</button>' in page


def test_results_show_type_title_link_snippet_date_and_language(client: Client) -> None:
    index(document(1, title="Gender budgeting", body="Budgets by sex and age.", language="en"))
    page = _page(client, q="budgeting")
    assert "1 result" in page
    assert '<a href="/notes/1/">Gender <mark>budgeting</mark></a>' in page
    assert "<mark>Budgets</mark> by sex and age." in page
    assert '<time datetime="2025-03-01T' in page, page[page.find("<time") : page.find("</time>")]
    assert "English" in page


def test_type_language_and_date_filters_narrow_the_results(client: Client) -> None:
    index(
        document(1, title="Care work", kind="note", language="en", date=WHEN),
        document(2, title="Care work", kind="memo", language="en", date=WHEN),
        document(3, title="Care work", kind="note", language="fr", date=WHEN),
        document(4, title="Care work", kind="note", language="en", date=WHEN - timedelta(days=90)),
    )
    results = {
        "all": _page(client, q="care"),
        "kind": _page(client, q="care", type="note"),
        "language": _page(client, q="care", language="fr"),
        "dates": _page(client, q="care", date_from="2025-03-01", date_to="2025-03-01"),
    }
    assert results["all"].count('href="/notes/') == 4
    assert results["language"].count('href="/notes/') == 1
    assert 'href="/notes/2/"' not in results["kind"]
    assert results["dates"].count('href="/notes/') == 3
    assert 'href="/notes/4/"' not in results["dates"]


def test_the_language_filter_offers_every_content_language(client: Client) -> None:
    index(
        document(1, title="Trabalho de cuidado", language="pt"),
        document(2, title="Trabalho de cuidado", language="es"),
        document(3, title="العمل الرعائي", language="ar"),
    )

    portuguese = _page(client, q="trabalho", language="pt")
    arabic = _page(client, q="الرعائي", language="ar")

    assert '<option value="pt"' in portuguese
    assert portuguese.count('href="/notes/') == 1
    assert 'href="/notes/1/"' in portuguese
    assert 'href="/notes/3/"' in arabic


def test_date_filter_uses_the_viewers_time_zone(client: Client) -> None:
    # 23:30 UTC on 31 March is 1 April in Tokyo.
    index(document(1, title="Late note", date=datetime(2025, 3, 31, 23, 30, tzinfo=UTC)))
    client.cookies[TIME_ZONE_COOKIE] = "Asia/Tokyo"
    assert 'href="/notes/1/"' in _page(client, q="note", date_from="2025-04-01")


def test_results_are_paginated(client: Client) -> None:
    index(
        *(document(n, title=f"Evaluation {n}", date=WHEN - timedelta(days=n)) for n in range(1, 26))
    )
    first = _page(client, q="evaluation")
    second = _page(client, q="evaluation", page="2")
    assert first.count('href="/notes/') == RESULTS_PER_PAGE
    assert second.count('href="/notes/') == 25 - RESULTS_PER_PAGE
    assert "25 results" in first
    assert 'rel="next"' in first
    assert "q=evaluation&amp;page=2" in first


@pytest.mark.parametrize("client_fixture", ["client", "member_client"])
def test_query_count_does_not_grow_with_results(
    request: pytest.FixtureRequest,
    client_fixture: str,
) -> None:
    client: Client = request.getfixturevalue(client_fixture)
    client.get("/search/", {"q": "warm up"})  # site settings cached, as on a live site

    def count_with(rows: int) -> int:
        index(*(document(n, title=f"Dialogue {n}") for n in range(rows)))
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/search/", {"q": "dialogue", "type": "note"}).content.decode()
        assert page.count('href="/notes/') == min(rows, RESULTS_PER_PAGE)
        return len(captured.captured_queries)

    assert count_with(2) == count_with(10) == count_with(30)
    # Signed in: session and member. Then the ranking and the page's rows (PostgreSQL
    # adds SET LOCAL for the ranking statement, in a savepoint under the test's
    # transaction).
    assert count_with(30) <= (7 if connection.vendor == "postgresql" else 4)
