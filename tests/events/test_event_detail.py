"""The event page: what, when in which zones, who speaks, where, how to join, the
recording, the series around it, and a query count that does not grow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.events.models import EventSpeaker, EventStatus, RegistrationStatus
from tests.events.factories import (
    event_page_url,
    make_event,
    make_question,
    make_registration,
    make_series,
    make_speaker,
)
from tests.factories import make_member

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 14, 13, 0, tzinfo=UTC)  # 15:00 in Paris


def text(response: Any) -> str:
    return str(response.content.decode())


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def test_the_page_shows_description_speakers_and_times(client: Client) -> None:
    viewer = make_member(time_zone="America/New_York")
    event = make_event(
        title="Budgets that see gender",
        starts_at=START,
        description="We read **three** budgets together.",
    )
    speaker = make_speaker(
        name="Clemencia Muñoz", organisation="Universidad de Chile", bio_html="<p>Economist.</p>"
    )
    EventSpeaker.objects.create(event=event, speaker=speaker, position=0)

    with time_machine.travel(START - timedelta(days=7), tick=False):
        page = text(signed_in(viewer).get(event_page_url(event)))

    assert '<h1 id="event-title">Budgets that see gender</h1>' in page
    assert "<strong>three</strong>" in page
    assert "Clemencia Muñoz" in page
    assert "Universidad de Chile" in page
    assert "<p>Economist.</p>" in page
    assert "09:00 EDT New York · 15:00 CEST Paris" in page
    assert "Online" in page


def test_speaker_to_be_confirmed_is_said(client: Client) -> None:
    event = make_event(speakers_to_be_confirmed=True)

    assert "Speaker to be confirmed." in text(client.get(event_page_url(event)))


def test_a_place_is_shown_instead_of_online(client: Client) -> None:
    event = make_event(place="Maison des femmes, Dakar")

    page = text(client.get(event_page_url(event)))

    assert "Maison des femmes, Dakar" in page


def test_a_wrong_slug_redirects_to_the_right_address(client: Client) -> None:
    event = make_event(title="Right title")

    response = client.get(f"/events/{event.pk}/old-title/")
    short = client.get(f"/events/{event.pk}/")

    assert response.status_code == 301
    assert response["Location"] == event_page_url(event)
    assert short["Location"] == event_page_url(event)


def test_an_unknown_event_is_not_found(client: Client) -> None:
    assert client.get("/events/999999/nothing/").status_code == 404


def test_the_time_in_registered_members_zones(client: Client) -> None:
    event = make_event(starts_at=START)
    make_registration(event=event, member=make_member(time_zone="Asia/Tokyo"))
    make_registration(event=event, member=make_member(time_zone="Asia/Tokyo"))
    make_registration(event=event, member=make_member(time_zone="America/Mexico_City"))

    page = text(client.get(event_page_url(event)))

    assert "The start time where registered members live" in page
    assert "Tokyo" in page
    assert "22:00 JST" in page
    assert "Mexico City" in page
    assert "07:00 CST" in page


class TestJoinLink:
    JOIN = "https://meet.example.org/room-42"

    def test_hidden_before_30_minutes_with_a_sentence_saying_when(self, member: Member) -> None:
        event = make_event(starts_at=START, join_url=self.JOIN)
        make_registration(event=event, member=member)

        with time_machine.travel(START - timedelta(minutes=31), tick=False):
            page = text(signed_in(member).get(event_page_url(event)))

        assert self.JOIN not in page
        assert "The link to join will appear here at" in page

    def test_shown_to_registered_members_from_30_minutes_before(self, member: Member) -> None:
        event = make_event(starts_at=START, join_url=self.JOIN)
        make_registration(event=event, member=member)

        with time_machine.travel(START - timedelta(minutes=30), tick=False):
            page = text(signed_in(member).get(event_page_url(event)))

        assert self.JOIN in page

    def test_never_shown_to_members_who_are_not_registered(self, member: Member) -> None:
        event = make_event(starts_at=START, join_url=self.JOIN)

        with time_machine.travel(START + timedelta(minutes=5), tick=False):
            page = text(signed_in(member).get(event_page_url(event)))

        assert self.JOIN not in page

    def test_gone_after_the_end(self, member: Member) -> None:
        event = make_event(starts_at=START, join_url=self.JOIN)
        make_registration(event=event, member=member)

        with time_machine.travel(START + timedelta(hours=2), tick=False):
            page = text(signed_in(member).get(event_page_url(event)))

        assert self.JOIN not in page


def test_calendar_links(client: Client) -> None:
    event = make_event(starts_at=START)

    with time_machine.travel(START - timedelta(days=1), tick=False):
        page = text(client.get(event_page_url(event)))

    assert f'href="/events/{event.pk}/event.ics" download' in page
    assert "https://calendar.google.com/calendar/render?" in page
    assert "https://outlook.live.com/calendar/" in page


def test_recording_and_slides_after_the_event(client: Client) -> None:
    event = make_event(
        starts_at=START,
        recording_url="https://video.example.org/budgets",
        slides_url="https://files.example.org/budgets.pdf",
    )

    with time_machine.travel(START + timedelta(days=2), tick=False):
        page = text(client.get(event_page_url(event)))

    assert "https://video.example.org/budgets" in page
    assert "https://files.example.org/budgets.pdf" in page


def test_a_cancelled_event_says_so_and_offers_no_registration(member: Member) -> None:
    event = make_event(status=EventStatus.CANCELLED)

    page = text(signed_in(member).get(event_page_url(event)))

    assert "This event is cancelled." in page
    assert "This event was cancelled: registration is closed." in page
    assert f'action="/events/{event.pk}/register/"' not in page


def test_series_navigation_links_previous_and_next_dates(client: Client) -> None:
    series = make_series(title="Interviews")
    first = make_event(title="Interview 1", series=series, starts_at=START)
    second = make_event(title="Interview 2", series=series, starts_at=START + timedelta(days=14))
    third = make_event(title="Interview 3", series=series, starts_at=START + timedelta(days=28))

    page = text(client.get(event_page_url(second)))

    assert f'href="{event_page_url(first)}" rel="prev"' in page
    assert f'href="{event_page_url(third)}" rel="next"' in page


def test_facilitators_see_the_manage_links_and_members_do_not(
    member: Member, facilitator: Member
) -> None:
    event = make_event()

    assert "Manage this event" in text(signed_in(facilitator).get(event_page_url(event)))
    assert "Manage this event" not in text(signed_in(member).get(event_page_url(event)))


@pytest.mark.parametrize("count", [2, 10])
def test_query_count_does_not_grow(
    member: Member, django_assert_num_queries: Any, count: int
) -> None:
    series = make_series()
    make_event(series=series, starts_at=START - timedelta(days=14))
    event = make_event(series=series, starts_at=START, join_url="https://meet.example.org/a")
    make_event(series=series, starts_at=START + timedelta(days=14))
    make_registration(event=event, member=member)
    for number in range(count):
        speaker = make_speaker(name=f"Speaker {number}")
        EventSpeaker.objects.create(event=event, speaker=speaker, position=number)
        other = make_member(time_zone=["Asia/Tokyo", "Europe/Madrid"][number % 2])
        make_registration(event=event, member=other)
        make_question(event=event, author=other, body=f"Question {number}")
    make_registration(event=event, member=make_member(), status=RegistrationStatus.WAITLISTED)
    client = signed_in(member)
    url = event_page_url(event)
    client.get(url)  # site settings are read once, then cached

    # session, member, event, speakers, registration, previous, next, questions, votes,
    # zone table
    with (
        time_machine.travel(START - timedelta(days=1), tick=False),
        django_assert_num_queries(10),
    ):
        response = client.get(url)

    assert response.status_code == 200
