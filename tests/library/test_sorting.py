"""Sorting the list: newest, title, most downloaded; featured resources stay on top."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.library.conftest import page_text
from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def library() -> None:
    now = timezone.now()
    make_resource(
        title="zines for workshops", published_at=now - timedelta(days=3), download_count=5
    )
    make_resource(
        title="Évaluation des formations", published_at=now - timedelta(days=1), download_count=50
    )
    make_resource(
        title="Budgets with a gender lens", published_at=now - timedelta(days=2), download_count=500
    )
    make_resource(
        title="Apprendre en ligne",
        published_at=now - timedelta(days=9),
        download_count=1,
        is_featured=True,
    )


def order(client: Client, query: str) -> list[str]:
    body = page_text(client.get(f"/resources/{query}"))
    names = [
        "zines for workshops",
        "Évaluation des formations",
        "Budgets with a gender lens",
        "Apprendre en ligne",
    ]
    return sorted(names, key=body.index)


def test_newest_first_by_default_with_featured_on_top(client: Client) -> None:
    assert order(client, "") == [
        "Apprendre en ligne",
        "Évaluation des formations",
        "Budgets with a gender lens",
        "zines for workshops",
    ]


def test_by_title_ignores_case(client: Client) -> None:
    assert order(client, "?sort=title") == [
        "Apprendre en ligne",
        "Budgets with a gender lens",
        "zines for workshops",
        "Évaluation des formations",  # accents sort after z on every database
    ]


def test_most_downloaded_first(client: Client) -> None:
    assert order(client, "?sort=downloads") == [
        "Apprendre en ligne",
        "Budgets with a gender lens",
        "Évaluation des formations",
        "zines for workshops",
    ]


def test_featured_resources_are_marked(client: Client) -> None:
    body = page_text(client.get("/resources/"))
    assert body.count('class="badge"') == 1


def test_pagination_keeps_filters_and_sort(client: Client) -> None:
    for number in range(25):
        make_resource(title=f"Extra manual {number:02d}", kind="manual")

    body = page_text(client.get("/resources/?type=manual&sort=title"))

    assert 'href="?type=manual&amp;sort=title&amp;page=2"' in body
    second = page_text(client.get("/resources/?type=manual&sort=title&page=2"))
    assert "Extra manual 24" in second
    assert "Extra manual 00" not in second


def test_featured_resources_for_the_home_page() -> None:
    from tertulia.library.queries.resources import featured_resources

    make_resource(title="Featured but waiting", is_featured=True, status="pending")
    newest = make_resource(title="Newly featured", is_featured=True)

    assert [r.title for r in featured_resources(limit=2)] == [
        newest.title,
        "Apprendre en ligne",
    ]
