"""The list, detail and queue pages cost the same number of queries at any size."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tertulia.core.models import SiteSettings
from tertulia.library.models import ResourceStatus
from tests.dialogues.factories import make_dialogue
from tests.events.factories import make_event
from tests.library.factories import make_resource, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_stored() -> None:
    # As on a running site: the settings row exists and is cached.
    SiteSettings.current()


def fill(count: int) -> None:
    themes = [make_theme(name=f"Theme {number}") for number in range(3)]
    for number in range(count):
        make_resource(
            title=f"Resource {number}",
            kind=("manual", "video", "report")[number % 3],
            languages=["en", "es", "fr"][: number % 3 + 1],
            year=2010 + number,
            themes=themes[: number % 3 + 1],
            is_featured=number == 0,
        )
        make_resource(title=f"Waiting {number}", status=ResourceStatus.PENDING)


# Visitor: themes, 4 facets, count, page, the page's themes.
LIST_QUERIES = 8


@pytest.mark.parametrize("count", [2, 10])
def test_list_page_query_count_does_not_grow(
    count: int, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    fill(count)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/resources/?type=manual&type=video&language=en&sort=title")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 10])
def test_list_page_for_a_member_query_count_does_not_grow(
    count: int, member_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    fill(count)
    # + session, member, the member's own suggestions
    with django_assert_num_queries(LIST_QUERIES + 3):
        member_client.get("/resources/?theme=theme-1&year=2011")


@pytest.mark.parametrize("count", [2, 10])
def test_detail_page_query_count_does_not_grow(
    count: int, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    themes = [make_theme(name=f"Theme {number}") for number in range(count)]
    resource = make_resource(themes=themes, languages=["en", "es", "fr"])
    for number in range(count):
        resource.related_events.add(make_event(title=f"Webinar {number}"))
        resource.related_dialogues.add(
            make_dialogue(
                number=number + 1, opens_on=date(2025, 4, 24), closes_on=date(2025, 5, 14)
            )
        )
    # resource + submitter, themes, dialogues, events
    with django_assert_num_queries(4):
        response = client.get(f"/resources/{resource.pk}/{resource.slug}/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 10])
def test_queue_query_count_does_not_grow(
    count: int, facilitator_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    fill(count)
    # session, member, count, page, its themes, featured
    with django_assert_num_queries(6):
        response = facilitator_client.get("/resources/queue/")
    assert response.status_code == 200
