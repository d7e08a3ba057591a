"""A posted recording is a `Kind.RECORDING` notification for those who held or waited
for a place (not those who cancelled), once per event and member."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.events.models import RegistrationStatus
from tertulia.events.services.events import add_recording
from tertulia.events.services.notices import tell_registrants_of_recording
from tertulia.notifications.models import Delivery, Kind, Notification
from tertulia.notifications.services import set_preference
from tests.events.factories import event_page_url, make_event, make_registration
from tests.factories import make_member
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]


def body(message: EmailMessage, subtype: str) -> str:
    """The text/plain or text/html part of a received mail."""
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return str(part.get_content())


RECORDING = "https://video.example.org/budgeting"


def test_registered_and_waiting_members_are_told_cancelled_ones_are_not(
    facilitator: Member, smtp_server: SMTPServer, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(organiser=facilitator, starts_at=timezone.now() - timedelta(days=1))
    came = make_member(email="came@example.org")
    waited = make_member(email="waited@example.org")
    left = make_member(email="left@example.org")
    make_registration(event=event, member=came)
    make_registration(event=event, member=waited, status=RegistrationStatus.WAITLISTED)
    make_registration(event=event, member=left, status=RegistrationStatus.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        add_recording(
            facilitator, event, recording_url=RECORDING, slides_url="https://x.example.org/s"
        )

    rows = Notification.objects.filter(kind=Kind.RECORDING).order_by("recipient_id")
    assert [row.recipient for row in rows] == [came, waited]
    assert {row.url for row in rows} == {f"{event_page_url(event)}#recording"}
    assert {row.dedupe_key for row in rows} == {f"recording:{event.pk}"}
    assert sorted(r.recipients[0] for r in smtp_server.received) == [
        "came@example.org",
        "waited@example.org",
    ]
    text = body(smtp_server.received[0].message, "plain")
    assert f"Recording: {RECORDING}" in text
    assert "Slides: https://x.example.org/s" in text


def test_telling_again_tells_nobody_twice(
    facilitator: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(
        organiser=facilitator,
        starts_at=timezone.now() - timedelta(days=1),
        recording_url=RECORDING,
    )
    make_registration(event=event, member=make_member())
    make_registration(event=event, member=make_member())

    with django_capture_on_commit_callbacks(execute=True):
        first = tell_registrants_of_recording(event.pk)
    with django_capture_on_commit_callbacks(execute=True):
        second = tell_registrants_of_recording(event.pk)

    assert (first, second) == (2, 0)
    assert Notification.objects.count() == 2


def test_a_member_who_turned_recordings_off_is_not_told(
    facilitator: Member, member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    set_preference(member, Kind.RECORDING, Delivery.OFF)
    event = make_event(organiser=facilitator, starts_at=timezone.now() - timedelta(days=1))
    make_registration(event=event, member=member)

    with django_capture_on_commit_callbacks(execute=True):
        add_recording(facilitator, event, recording_url=RECORDING)

    assert not Notification.objects.exists()
