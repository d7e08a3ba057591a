"""Posting a recording (and slides) after an event: registrants are told once, through
a "recording available" notification (its mail is the notifications app's)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.events.services.events import add_recording
from tests.events.factories import html_part, make_event, make_registration
from tests.factories import make_member

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]
RECORDING = "https://video.example.org/dialogue-10"


def past_event(organiser: Member) -> Any:
    return make_event(organiser=organiser, starts_at=timezone.now() - timedelta(days=1))


def test_registrants_are_mailed_the_recording_once(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = past_event(facilitator)
    attendee = make_member()
    make_registration(event=event, member=attendee)

    with django_capture_on_commit_callbacks(execute=True):
        add_recording(facilitator, event, recording_url=RECORDING)
    with django_capture_on_commit_callbacks(execute=True):
        add_recording(facilitator, event, recording_url=RECORDING)

    (message,) = mail.outbox
    assert message.to == [f"{attendee.display_name} <{attendee.email}>"]
    assert message.subject == (
        "[Tertulia] The recording of “Gender-responsive budgeting in practice” is available"
    )
    assert RECORDING in message.body
    assert f"/events/{event.pk}/" in html_part(message)
    event.refresh_from_db()
    assert event.recording_url == RECORDING


def test_slides_added_later_or_a_corrected_link_tell_no_one_again(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = past_event(facilitator)
    make_registration(event=event, member=make_member())
    with django_capture_on_commit_callbacks(execute=True):
        add_recording(facilitator, event, recording_url=RECORDING)
    assert len(mail.outbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        add_recording(
            facilitator, event, recording_url=RECORDING, slides_url="https://x.example.org/s.pdf"
        )
    with django_capture_on_commit_callbacks(execute=True):
        add_recording(
            facilitator,
            event,
            recording_url=RECORDING + "-corrected",
            slides_url="https://x.example.org/s.pdf",
        )

    assert len(mail.outbox) == 1
    event.refresh_from_db()
    assert (event.recording_url, event.slides_url) == (
        RECORDING + "-corrected",
        "https://x.example.org/s.pdf",
    )


def test_slides_alone_are_not_announced_as_a_recording(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = past_event(facilitator)
    make_registration(event=event, member=make_member())

    with django_capture_on_commit_callbacks(execute=True):
        add_recording(facilitator, event, recording_url="", slides_url="https://x.example.org/s")
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        add_recording(
            facilitator, event, recording_url=RECORDING, slides_url="https://x.example.org/s"
        )
    (message,) = mail.outbox
    assert "https://x.example.org/s" in message.body


def test_a_recording_does_not_touch_the_calendar_sequence(facilitator: Member) -> None:
    event = past_event(facilitator)
    add_recording(facilitator, event, recording_url=RECORDING)
    assert event.sequence == 0


def test_only_web_addresses_are_accepted(facilitator: Member) -> None:
    event = past_event(facilitator)
    with pytest.raises(ValidationError) as caught:
        add_recording(facilitator, event, recording_url="javascript:alert(1)")
    assert list(caught.value.message_dict) == ["recording_url"]


def test_members_cannot_post_recordings(member: Member) -> None:
    event = make_event(starts_at=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(PermissionDenied):
        add_recording(member, event, recording_url=RECORDING)
