"""Calendar feeds: the public feed of upcoming events, and a member's private feed of
their registrations at a secret address that can be replaced (the old one then 404s)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.events.models import CalendarFeed, RegistrationStatus
from tertulia.events.services.calendar_feeds import (
    calendar_feed_for,
    reset_calendar_feed,
    revoke_calendar_feed,
)
from tests.events.factories import make_event, make_registration, make_speaker, parse_ics

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_public_feed_lists_upcoming_events(client: Client) -> None:
    soon = make_event(
        title="Soon", starts_at=NOW + timedelta(days=2), join_url="https://x.example.org/j"
    )
    make_event(title="Long ago", starts_at=NOW - timedelta(days=90))

    response = client.get("/events/calendar.ics")

    assert response.status_code == 200
    entries = parse_ics(response.content)
    assert [str(e["SUMMARY"]) for e in entries] == ["Soon"]
    assert entries[0].start == soon.starts_at
    assert b"x.example.org/j" not in response.content


def test_the_public_feed_is_closed_when_the_community_is_members_only(client: Client) -> None:
    settings_row = SiteSettings.current()
    settings_row.members_only = True
    settings_row.save()  # clears the cached settings
    assert client.get("/events/calendar.ics").status_code == 404


def test_the_public_feed_query_count_does_not_grow(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    def add_events(count: int) -> None:
        for number in range(count):
            event = make_event(title=f"Event {number}", starts_at=NOW + timedelta(days=number + 1))
            event.event_speakers.create(speaker=make_speaker(name=f"Speaker {number}"))

    add_events(2)
    client.get("/events/calendar.ics")  # warm the site settings cache
    with django_assert_num_queries(2) as two:
        client.get("/events/calendar.ics")
    add_events(8)
    with django_assert_num_queries(len(two.captured_queries)):
        response = client.get("/events/calendar.ics")
    assert len(parse_ics(response.content)) == 10


def test_a_member_feed_lists_their_registrations_at_a_secret_address(member: Member) -> None:
    registered = make_event(title="Registered", starts_at=NOW + timedelta(days=2))
    waiting = make_event(title="Waiting", starts_at=NOW + timedelta(days=3))
    left = make_event(title="Left", starts_at=NOW + timedelta(days=4))
    make_event(title="Not mine", starts_at=NOW + timedelta(days=5))
    make_registration(event=registered, member=member)
    make_registration(event=waiting, member=member, status=RegistrationStatus.WAITLISTED)
    make_registration(event=left, member=member, status=RegistrationStatus.CANCELLED)
    feed = calendar_feed_for(member)

    response = Client().get(f"/events/calendar/{feed.token}.ics")  # no session: a calendar app

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    entries = parse_ics(response.content)
    assert [(str(e["SUMMARY"]), str(e["STATUS"])) for e in entries] == [
        ("Registered", "CONFIRMED"),
        ("Waiting", "TENTATIVE"),
    ]


def test_the_member_feed_works_in_a_members_only_community(member: Member) -> None:
    settings_row = SiteSettings.current()
    settings_row.members_only = True
    settings_row.save()
    feed = calendar_feed_for(member)
    assert Client().get(f"/events/calendar/{feed.token}.ics").status_code == 200


def test_a_reset_address_stops_the_old_one(member: Member) -> None:
    old = calendar_feed_for(member).token

    new = reset_calendar_feed(member).token

    assert new != old
    assert Client().get(f"/events/calendar/{old}.ics").status_code == 404
    assert Client().get(f"/events/calendar/{new}.ics").status_code == 200


def test_a_revoked_feed_is_a_404(member: Member) -> None:
    token = calendar_feed_for(member).token
    assert revoke_calendar_feed(member)
    assert Client().get(f"/events/calendar/{token}.ics").status_code == 404


def test_the_reset_form_gives_a_new_secret(member: Member, member_client: Client) -> None:
    old = calendar_feed_for(member).token

    response = member_client.post("/events/calendar/reset/", {"next": "/events/mine/"})

    assert response.status_code == 302
    assert response["Location"] == "/events/mine/"
    assert CalendarFeed.objects.get(member=member).token != old


def test_the_reset_form_ignores_a_foreign_next(member_client: Client) -> None:
    response = member_client.post("/events/calendar/reset/", {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil" not in response["Location"]


def test_the_reset_form_needs_a_signed_in_post(client: Client, member_client: Client) -> None:
    assert client.post("/events/calendar/reset/").status_code == 302  # to sign in
    assert not CalendarFeed.objects.exists()
    assert member_client.get("/events/calendar/reset/").status_code == 405


def test_the_member_feed_query_count_does_not_grow(
    member: Member, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    feed = calendar_feed_for(member)
    client = Client()
    for number in range(2):
        make_registration(
            event=make_event(starts_at=NOW + timedelta(days=number + 1)), member=member
        )
    client.get(f"/events/calendar/{feed.token}.ics")
    with django_assert_num_queries(3) as baseline:
        client.get(f"/events/calendar/{feed.token}.ics")
    for number in range(8):
        make_registration(
            event=make_event(starts_at=NOW + timedelta(days=number + 3)), member=member
        )
    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client.get(f"/events/calendar/{feed.token}.ics")
    assert len(parse_ics(response.content)) == 10
