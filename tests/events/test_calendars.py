"""The .ics of one event, parsed back with the icalendar library: stable UID, SEQUENCE,
DTSTAMP, the organiser's TZID with its VTIMEZONE, the right UTC instants, and never the
join link. Plus the "add to Google / Outlook" links."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.events import calendars
from tertulia.events.services.events import cancel_event, update_event
from tertulia.events.services.series import create_series
from tests.events.factories import make_event, make_speaker, parse_ics

pytestmark = pytest.mark.django_db
JOIN = "https://meet.example.org/secret-room"


def test_an_event_file_has_the_right_instants_and_zone(member_client: Client) -> None:
    event = make_event(
        starts_at=datetime(2026, 3, 26, 14, 0, tzinfo=UTC),
        join_url=JOIN,
        description="Bring **questions**.",
    )
    event.event_speakers.create(speaker=make_speaker(name="Naila Kabeer"))

    response = member_client.get(f"/events/{event.pk}/event.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Paris"]
    (entry,) = calendar.walk("VEVENT")
    assert entry.start == datetime(2026, 3, 26, 14, 0, tzinfo=UTC)
    assert entry.end == datetime(2026, 3, 26, 15, 0, tzinfo=UTC)
    assert entry["DTSTART"].params["TZID"] == "Europe/Paris"
    assert entry.start.hour == 15  # the organiser's wall clock
    assert str(entry["UID"]) == f"{event.uid}@127.0.0.1"
    assert entry["SEQUENCE"] == 0
    assert entry["STATUS"] == "CONFIRMED"
    assert entry.decoded("DTSTAMP") == event.updated_at.replace(microsecond=0)
    page = f"http://127.0.0.1:8000/events/{event.pk}/{event.slug}/"
    assert str(entry["URL"]) == page
    assert str(entry["LOCATION"]) == page
    assert "Naila Kabeer" in str(entry["DESCRIPTION"])
    assert JOIN not in response.content.decode()


def test_the_uid_stays_and_the_sequence_rises_with_changes(facilitator: Member) -> None:
    event = make_event(organiser=facilitator, starts_at=datetime(2026, 6, 4, 13, 0, tzinfo=UTC))
    (before,) = parse_ics(calendars.event_ics(event))

    update_event(
        facilitator,
        event,
        starts_local=datetime(2026, 6, 4, 16, 0),
        ends_local=datetime(2026, 6, 4, 17, 0),
        place="Maison des femmes, Dakar",
    )
    (after,) = parse_ics(calendars.event_ics(event))

    assert after["UID"] == before["UID"]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.start == datetime(2026, 6, 4, 14, 0, tzinfo=UTC)
    assert str(after["LOCATION"]) == "Maison des femmes, Dakar"


def test_a_cancelled_event_says_so(facilitator: Member) -> None:
    event = make_event(organiser=facilitator)
    cancel_event(facilitator, event)
    (entry,) = parse_ics(calendars.event_ics(event))
    assert entry["STATUS"] == "CANCELLED"
    assert entry["SEQUENCE"] == 1


def test_series_occurrences_in_a_file_keep_their_instants_across_dst(facilitator: Member) -> None:
    _series, events = create_series(
        facilitator,
        title="Interviews",
        kind="interview",
        language="en",
        languages=["en"],
        time_zone="Europe/Paris",
        first_start_local=datetime(2026, 3, 26, 15, 0),
        duration_minutes=60,
        rrule="FREQ=WEEKLY;COUNT=2",
    )
    payload = calendars.build_calendar([(e, False) for e in events])
    entries = parse_ics(payload)
    assert [e.start.astimezone(UTC) for e in entries] == [
        datetime(2026, 3, 26, 14, 0, tzinfo=UTC),
        datetime(2026, 4, 2, 13, 0, tzinfo=UTC),
    ]
    assert len({str(e["UID"]) for e in entries}) == 2


def test_an_unknown_event_is_a_404(member_client: Client) -> None:
    assert member_client.get("/events/999999/event.ics").status_code == 404


def test_add_to_calendar_links() -> None:
    event = make_event(
        title="Care work & budgets", starts_at=datetime(2026, 3, 26, 14, 0, tzinfo=UTC)
    )

    google = urlsplit(calendars.google_calendar_url(event))
    outlook = urlsplit(calendars.outlook_calendar_url(event))

    assert google.netloc == "calendar.google.com"
    query = parse_qs(google.query)
    assert query["text"] == ["Care work & budgets"]
    assert query["dates"] == ["20260326T140000Z/20260326T150000Z"]
    assert query["ctz"] == ["Europe/Paris"]
    assert outlook.netloc == "outlook.live.com"
    query = parse_qs(outlook.query)
    assert query["startdt"] == ["2026-03-26T14:00:00Z"]
    assert query["enddt"] == ["2026-03-26T15:00:00Z"]
    assert query["subject"] == ["Care work & budgets"]
    assert urlsplit(calendars.outlook_calendar_url(event, office=True)).netloc == (
        "outlook.office.com"
    )
