"""A member's "My events": their registrations, upcoming first, and their private
calendar address with a button that replaces it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.events.models import CalendarFeed, RegistrationStatus
from tests.events.factories import make_event, make_registration
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return str(response.content.decode())


def test_registrations_are_listed_upcoming_first(member: Member, member_client: Client) -> None:
    now = timezone.now()
    later = make_event(title="Later event", starts_at=now + timedelta(days=20))
    sooner = make_event(title="Sooner event", starts_at=now + timedelta(days=2))
    past = make_event(
        title="Webinar gone by",
        starts_at=now - timedelta(days=5),
        recording_url="https://video.example.org/past",
    )
    waiting = make_event(title="Waiting event", starts_at=now + timedelta(days=9))
    make_event(title="Not mine")
    for event in (later, sooner, past):
        make_registration(event=event, member=member)
    make_registration(event=waiting, member=member, status=RegistrationStatus.WAITLISTED)

    page = text(member_client.get("/events/mine/"))

    assert page.index("Sooner event") < page.index("Waiting event") < page.index("Later event")
    assert page.index("Later event") < page.index("Webinar gone by")
    assert "On the waiting list" in page
    assert "https://video.example.org/past" in page
    assert "Not mine" not in page


def test_cancelled_registrations_are_not_listed(member: Member, member_client: Client) -> None:
    event = make_event(title="Gave up my place")
    make_registration(event=event, member=member, status=RegistrationStatus.CANCELLED)

    assert "Gave up my place" not in text(member_client.get("/events/mine/"))


def test_the_private_calendar_address_is_made_and_replaced(
    member: Member, member_client: Client
) -> None:
    before = text(member_client.get("/events/mine/"))
    made = member_client.post("/events/calendar/reset/", {"next": "/events/mine/"}, follow=True)
    token = CalendarFeed.objects.get(member=member).token
    replaced = member_client.post("/events/calendar/reset/", {"next": "/events/mine/"}, follow=True)
    new_token = CalendarFeed.objects.get(member=member).token

    assert "Make my private calendar address" in before
    assert f"/events/calendar/{token}.ics" in text(made)
    assert new_token != token
    assert f"/events/calendar/{new_token}.ics" in text(replaced)
    assert token not in text(replaced)


def test_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get("/events/mine/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("count", [2, 10])
def test_query_count_does_not_grow(
    member: Member, member_client: Client, django_assert_num_queries: Any, count: int
) -> None:
    now = timezone.now()
    for number in range(count):
        upcoming = make_event(
            title=f"Upcoming {number}", starts_at=now + timedelta(days=number + 1)
        )
        past = make_event(title=f"Past {number}", starts_at=now - timedelta(days=number + 1))
        make_registration(event=upcoming, member=member)
        make_registration(event=past, member=member)
        make_registration(event=upcoming, member=make_member())
    member_client.get("/events/mine/")  # site settings are read once, then cached

    # session, member, upcoming, past, calendar feed
    with django_assert_num_queries(5):
        member_client.get("/events/mine/")
