"""The home page shows what is happening: the open dialogue, the announced ones, the next
events, in a number of queries that does not grow with them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.events.models import EventStatus
from tests.dialogues.factories import make_dialogue
from tests.events.factories import make_event, make_speaker

pytestmark = pytest.mark.django_db


def dialogue(number: int, *, starts_in_days: int, length: int = 20) -> None:
    today = timezone.localdate()
    make_dialogue(
        number=number,
        title=f"Dialogue {number}",
        opens_on=today + timedelta(days=starts_in_days),
        closes_on=today + timedelta(days=starts_in_days + length),
    )


def event(title: str, *, in_hours: float, **fields: object) -> None:
    start = timezone.now().replace(microsecond=0) + timedelta(hours=in_hours)
    created = make_event(title=title, starts_at=start, **fields)
    created.event_speakers.create(speaker=make_speaker(name=f"Speaker of {title}"), position=0)


def test_the_open_dialogue_is_shown_with_its_closing_date(client: Client, member: Member) -> None:
    dialogue(10, starts_in_days=-5)
    member.time_zone = "Asia/Tokyo"
    member.save()
    client.force_login(member)

    page = client.get("/").content.decode()

    assert "10th Virtual Dialogue" in page
    assert "Open now" in page
    assert "Join the discussion until" in page
    assert "JST" in page


def test_announced_dialogues_say_save_the_date(client: Client) -> None:
    dialogue(11, starts_in_days=10)

    page = client.get("/").content.decode()

    assert "11th Virtual Dialogue" in page
    assert "Save the date" in page


def test_past_dialogues_are_not_on_the_home_page(client: Client) -> None:
    dialogue(9, starts_in_days=-60)

    assert "9th Virtual Dialogue" not in client.get("/").content.decode()


def test_the_next_events_are_listed_soonest_first_without_past_or_cancelled_ones(
    client: Client,
) -> None:
    event("Later lecture", in_hours=72, language="es")
    event("Interview tomorrow", in_hours=24)
    event("Yesterday's webinar", in_hours=-24)
    event("Cancelled meeting", in_hours=10, status=EventStatus.CANCELLED)
    for index in range(6):
        event(f"Far away {index}", in_hours=500 + index)

    page = client.get("/").content.decode()

    assert page.index("Interview tomorrow") < page.index("Later lecture")
    assert "Yesterday&#x27;s webinar" not in page
    assert "Cancelled meeting" not in page
    assert "Speaker of Interview tomorrow" in page
    assert "Far away 2" in page
    assert "Far away 3" not in page  # five events at most


def test_visitors_of_a_members_only_community_see_none_of_it(client: Client) -> None:
    site = SiteSettings.current()
    site.members_only = True
    site.save()
    dialogue(10, starts_in_days=-5)
    event("Interview tomorrow", in_hours=24)

    page = client.get("/").content.decode()

    assert "10th Virtual Dialogue" not in page
    assert "Interview tomorrow" not in page


@pytest.mark.parametrize("rows", [1, 6])
def test_the_query_count_does_not_grow_with_dialogues_and_events(
    rows: int, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for index in range(rows):
        dialogue(100 + index, starts_in_days=-3)
        dialogue(200 + index, starts_in_days=5 + index)
        event(f"Event {index}", in_hours=5 + index)
    client.get("/")  # warm the site settings cache

    with django_assert_num_queries(8):
        response = client.get("/")

    assert response.status_code == 200
