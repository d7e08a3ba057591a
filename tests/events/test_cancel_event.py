"""Cancelling an event: status, time of cancellation and SEQUENCE change together, and
everyone registered or waiting gets a mail whose .ics says STATUS:CANCELLED."""

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
from tertulia.events.models import EventStatus
from tertulia.events.services.events import cancel_event
from tertulia.events.services.registration import cancel_registration, register_for_event
from tests.events.factories import calendar_attachment, html_part, make_event, parse_ics
from tests.factories import make_member

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_cancelling_marks_the_event_and_mails_a_cancelled_calendar_entry(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(organiser=facilitator, capacity=1)
    registered, waiting, gone = make_member(), make_member(), make_member()
    register_for_event(gone, event, notify=False)
    cancel_registration(gone, event, notify=False)
    register_for_event(registered, event, notify=False)
    register_for_event(waiting, event, notify=False)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_event(facilitator, event, note="The speaker is ill.\nWe will announce a new date.")

    assert event.status == EventStatus.CANCELLED
    assert event.cancelled_at == NOW
    assert event.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([registered.email, waiting.email])
    message = mail.outbox[0]
    assert message.subject == "[Tertulia] Cancelled: Gender-responsive budgeting in practice"
    assert "The speaker is ill." in message.body
    assert "The speaker is ill.<br>We will announce a new date." in html_part(message)
    _content_type, ics = calendar_attachment(message)
    (entry,) = parse_ics(ics)
    assert entry["STATUS"] == "CANCELLED"
    assert entry["SEQUENCE"] == 1


def test_the_note_is_escaped_in_html(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(organiser=facilitator)
    register_for_event(make_member(), event, notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_event(facilitator, event, note="<script>alert(1)</script>")
    assert "<script>" not in html_part(mail.outbox[0])
    assert "&lt;script&gt;" in html_part(mail.outbox[0])


def test_cancelling_twice_changes_nothing_more(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(organiser=facilitator)
    register_for_event(make_member(), event, notify=False)
    cancel_event(facilitator, event)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_event(facilitator, event)
    assert event.sequence == 1
    assert mail.outbox == []


def test_members_cannot_cancel_events(member: Member) -> None:
    event = make_event()
    with pytest.raises(PermissionDenied):
        cancel_event(member, event)
    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED


def test_an_overlong_note_is_refused(facilitator: Member) -> None:
    event = make_event(organiser=facilitator)
    with pytest.raises(ValidationError) as caught:
        cancel_event(facilitator, event, note="x" * 2_001)
    assert list(caught.value.message_dict) == ["note"]
    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED
