"""Changing an event: calendar-visible changes raise SEQUENCE; moving the time mails the
registrants an updated .ics; an edit that changes nothing changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tertulia.accounts.models import Member
from tertulia.events.services.events import cancel_event, update_event
from tertulia.events.services.registration import register_for_event
from tests.events.factories import calendar_attachment, make_event, make_speaker, parse_ics
from tests.factories import make_member

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
START = datetime(2026, 5, 21, 13, 0, tzinfo=UTC)  # 15:00 in Paris


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_moving_the_time_raises_sequence_and_mails_registrants(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(organiser=facilitator, starts_at=START)
    registrant = make_member()
    register_for_event(registrant, event, notify=False)

    with django_capture_on_commit_callbacks(execute=True):
        update_event(
            facilitator,
            event,
            starts_local=datetime(2026, 5, 22, 17, 0),
            ends_local=datetime(2026, 5, 22, 18, 30),
        )

    assert event.starts_at == datetime(2026, 5, 22, 15, 0, tzinfo=UTC)
    assert event.ends_at == datetime(2026, 5, 22, 16, 30, tzinfo=UTC)
    assert event.sequence == 1
    (message,) = mail.outbox
    assert message.to == [registrant.email]
    assert message.subject.startswith("[Tertulia] New time:")
    _content_type, ics = calendar_attachment(message)
    (entry,) = parse_ics(ics)
    assert entry.start == datetime(2026, 5, 22, 15, 0, tzinfo=UTC)
    assert entry["SEQUENCE"] == 1


def test_a_new_title_raises_sequence_without_mail(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(organiser=facilitator, starts_at=START)
    register_for_event(make_member(), event, notify=False)

    with django_capture_on_commit_callbacks(execute=True):
        update_event(facilitator, event, title="Budgets that count women's work")

    assert event.title == "Budgets that count women's work"
    assert event.slug == "budgets-that-count-womens-work"
    assert event.sequence == 1
    assert event.updated_at == NOW
    assert mail.outbox == []


def test_an_edit_that_changes_nothing_keeps_the_sequence(facilitator: Member) -> None:
    event = make_event(organiser=facilitator, starts_at=START)

    update_event(
        facilitator,
        event,
        title=event.title,
        starts_local=datetime(2026, 5, 21, 15, 0),
        ends_local=datetime(2026, 5, 21, 16, 0),
    )

    assert event.sequence == 0


def test_capacity_alone_does_not_touch_calendars(facilitator: Member) -> None:
    event = make_event(organiser=facilitator, starts_at=START)
    update_event(facilitator, event, capacity=30)
    assert event.capacity == 30
    assert event.sequence == 0


def test_changing_speakers_raises_sequence(facilitator: Member) -> None:
    event = make_event(organiser=facilitator, starts_at=START)
    first, second = make_speaker(name="Ana"), make_speaker(name="Bisi")

    update_event(facilitator, event, speakers=[second, first], speakers_to_be_confirmed=True)

    assert [s.speaker.name for s in event.event_speakers.all()] == ["Bisi", "Ana"]
    assert event.speakers_to_be_confirmed
    assert event.sequence == 1


def test_a_move_into_a_gap_is_refused_and_nothing_changes(facilitator: Member) -> None:
    event = make_event(organiser=facilitator, starts_at=START)
    with pytest.raises(ValidationError) as caught:
        update_event(
            facilitator,
            event,
            title="Changed",
            starts_local=datetime(2026, 3, 29, 2, 15),
            ends_local=datetime(2026, 3, 29, 4, 0),
        )
    assert list(caught.value.message_dict) == ["starts_local"]
    event.refresh_from_db()
    assert event.title != "Changed"
    assert event.starts_at == START
    assert event.sequence == 0


def test_a_new_zone_keeps_the_wall_clock_typed(facilitator: Member) -> None:
    event = make_event(organiser=facilitator, starts_at=START)
    update_event(facilitator, event, time_zone="America/New_York")
    assert event.starts_at == datetime(2026, 5, 21, 19, 0, tzinfo=UTC)  # 15:00 EDT


def test_only_managers_change_an_event(member: Member) -> None:
    event = make_event(starts_at=START)
    with pytest.raises(PermissionDenied):
        update_event(member, event, title="Mine now")


def test_a_cancelled_event_cannot_be_changed(facilitator: Member) -> None:
    event = make_event(organiser=facilitator, starts_at=START)
    cancel_event(facilitator, event)
    with pytest.raises(ValidationError):
        update_event(facilitator, event, title="Back again")


def test_unknown_keywords_are_a_programming_error(facilitator: Member) -> None:
    event = make_event(organiser=facilitator, starts_at=START)
    with pytest.raises(TypeError):
        update_event(facilitator, event, sequence=9)
