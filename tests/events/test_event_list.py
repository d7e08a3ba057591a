"""The upcoming and past event lists: times in two zones, places, filters, pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.events.models import EventKind, EventStatus, RegistrationStatus
from tests.events.factories import make_event, make_registration, make_series
from tests.factories import make_member

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen_clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def text(response: Any) -> str:
    return str(response.content.decode())


def test_upcoming_events_show_time_in_viewer_and_organiser_zones(client: Client) -> None:
    viewer = make_member(time_zone="America/New_York")
    client.force_login(viewer)
    make_event(
        title="Interview with Clemencia",
        starts_at=datetime(2026, 5, 14, 13, 0, tzinfo=UTC),
        time_zone="Europe/Paris",
    )

    page = text(client.get("/events/"))

    assert "Interview with Clemencia" in page
    assert "09:00 EDT New York · 15:00 CEST Paris" in page
    assert "Thursday 14 May 2026" in page


def test_the_list_says_kind_language_series_and_place(client: Client) -> None:
    series = make_series(title="Lectures on care work")
    make_event(
        title="Care and budgets",
        kind=EventKind.LECTURE,
        language="es",
        series=series,
        place="Casa de la Mujer, Bogotá",
    )

    page = text(client.get("/events/"))

    assert "Lecture" in page
    assert "Spanish" in page
    assert "Series: Lectures on care work" in page
    assert "Casa de la Mujer, Bogotá" in page


def test_cancelled_events_are_marked(client: Client) -> None:
    make_event(title="Launch of the toolkit", status=EventStatus.CANCELLED)

    page = text(client.get("/events/"))

    assert "Launch of the toolkit" in page
    assert "Cancelled" in page


def test_places_left_and_waiting_list(client: Client) -> None:
    roomy = make_event(title="Roomy", capacity=10)
    full = make_event(title="Full", capacity=1)
    make_registration(event=roomy, member=make_member())
    make_registration(event=full, member=make_member())
    make_registration(event=full, member=make_member(), status=RegistrationStatus.WAITLISTED)

    page = text(client.get("/events/"))

    assert "9 places left" in page
    assert "Full · 1 on the waiting list" in page


def test_the_viewer_sees_where_they_are_registered(member: Member, member_client: Client) -> None:
    event = make_event(title="Registered one")
    make_registration(event=event, member=member)

    assert "You are registered." in text(member_client.get("/events/"))


def test_past_events_are_not_upcoming_and_show_recordings(client: Client) -> None:
    make_event(
        title="Last year webinar",
        starts_at=NOW - timedelta(days=30),
        recording_url="https://video.example.org/last-year",
    )
    make_event(title="Next week webinar")

    upcoming = text(client.get("/events/"))
    past = text(client.get("/events/past/"))

    assert "Last year webinar" not in upcoming
    assert "Next week webinar" in upcoming
    assert "Last year webinar" in past
    assert "https://video.example.org/last-year" in past
    assert "Next week webinar" not in past


def test_filter_by_kind_language_and_series(client: Client) -> None:
    series = make_series(title="Interviews")
    make_event(title="An interview", kind=EventKind.INTERVIEW, series=series)
    make_event(title="A lecture in Spanish", kind=EventKind.LECTURE, language="es")
    make_event(title="A webinar", kind=EventKind.WEBINAR)

    by_kind = text(client.get("/events/", {"kind": "lecture"}))
    by_language = text(client.get("/events/", {"language": "es"}))
    by_series = text(client.get("/events/", {"series": series.pk}))

    assert "A lecture in Spanish" in by_kind
    assert "A webinar" not in by_kind
    assert "A lecture in Spanish" in by_language
    assert "An interview" not in by_language
    assert "An interview" in by_series
    assert "A webinar" not in by_series


def test_filter_by_dialogue_number(client: Client) -> None:
    from tertulia.dialogues.models import Dialogue
    from tests.factories import make_forum

    organiser = make_member()
    dialogue = Dialogue.objects.create(
        number=10,
        slug="tenth",
        title="Tenth",
        summary="Budgets",
        forum=make_forum(title="Tenth dialogue"),
        time_zone="UTC",
        opens_on=datetime(2026, 4, 24).date(),
        closes_on=datetime(2026, 5, 14).date(),
        opens_at=datetime(2026, 4, 24, tzinfo=UTC),
        closes_at=datetime(2026, 5, 15, tzinfo=UTC),
        created_by=organiser,
    )
    linked = make_event(title="The dialogue webinar")
    dialogue.events.add(linked)
    make_event(title="Some other webinar")

    page = text(client.get("/events/", {"dialogue": "10"}))

    assert "The dialogue webinar" in page
    assert "Some other webinar" not in page


def test_bad_filter_values_are_ignored_not_an_error(client: Client) -> None:
    make_event(title="Still listed")

    response = client.get(
        "/events/", {"kind": "party", "series": "abc", "dialogue": "-3", "page": "zzz"}
    )

    assert response.status_code == 200
    assert "Still listed" in text(response)


def test_the_list_is_paginated(client: Client) -> None:
    for number in range(25):
        make_event(title=f"Event number {number:02d}", starts_at=NOW + timedelta(days=number + 1))

    first = text(client.get("/events/"))
    second = text(client.get("/events/", {"page": "2"}))

    assert "Event number 00" in first
    assert "Event number 20" not in first
    assert "Event number 24" in second
    assert "Page 2 of 2" in second


@pytest.mark.parametrize("count", [2, 10])
def test_upcoming_query_count_does_not_grow(
    member: Member, member_client: Client, django_assert_num_queries: Any, count: int
) -> None:
    series = make_series()
    for number in range(count):
        event = make_event(title=f"Event {number}", series=series, capacity=5)
        make_registration(event=event, member=member)
    member_client.get("/events/")  # site settings are read once, then cached
    # session, member, series choices, count, page, the viewer's registrations
    with django_assert_num_queries(6):
        response = member_client.get("/events/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 10])
def test_past_query_count_does_not_grow(
    client: Client, django_assert_num_queries: Any, count: int
) -> None:
    for number in range(count):
        make_event(title=f"Past {number}", starts_at=NOW - timedelta(days=number + 1))
    client.get("/events/past/")  # site settings are read once, then cached
    # series choices, count, page
    with django_assert_num_queries(3):
        response = client.get("/events/past/")
    assert response.status_code == 200
