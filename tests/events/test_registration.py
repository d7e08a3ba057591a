"""Registering for an event and cancelling: one row per member and event, a clear
message for every refusal, and a confirmation mail with the .ics attached."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tertulia.accounts.models import Member
from tertulia.events.models import Registration, RegistrationStatus
from tertulia.events.services.events import cancel_event
from tertulia.events.services.registration import cancel_registration, register_for_event
from tests.events.factories import calendar_attachment, html_part, make_event, parse_ics
from tests.factories import make_member

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]
NOW = datetime(2026, 5, 14, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_member_registers_and_receives_the_calendar_file(
    member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    member.interface_language = "es"
    member.time_zone = "America/Santo_Domingo"
    member.save()
    event = make_event(starts_at=datetime(2026, 5, 21, 13, 0, tzinfo=UTC))

    with django_capture_on_commit_callbacks(execute=True):
        registration = register_for_event(member, event)

    assert registration.status == RegistrationStatus.REGISTERED
    assert event.registered_count == 1
    event.refresh_from_db()
    assert event.registered_count == 1
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "Gender-responsive budgeting in practice" in message.subject
    # In the member's language and zone: 09:00 in Santo Domingo, 15:00 in Paris.
    assert "21 de mayo de 2026, 09:00 AST" in message.body
    assert "09:00 AST Santo Domingo · 15:00 CEST París" in message.body
    assert "09:00 AST" in html_part(message)
    content_type, ics = calendar_attachment(message)
    assert content_type.startswith("text/calendar")
    assert 'method="PUBLISH"' in content_type
    (entry,) = parse_ics(ics)
    assert entry.start == datetime(2026, 5, 21, 13, 0, tzinfo=UTC)


def test_registering_twice_is_refused_without_a_second_row(member: Member) -> None:
    event = make_event()
    register_for_event(member, event)

    with pytest.raises(ValidationError) as caught:
        register_for_event(member, event)

    assert caught.value.messages == ["You are already registered for this event."]
    assert Registration.objects.filter(event=event).count() == 1
    event.refresh_from_db()
    assert event.registered_count == 1


def test_registering_again_after_cancelling_reuses_the_row(member: Member) -> None:
    event = make_event()
    first = register_for_event(member, event)
    cancel_registration(member, event)
    event.refresh_from_db()
    assert event.registered_count == 0

    again = register_for_event(member, event)

    assert again.pk == first.pk
    assert again.status == RegistrationStatus.REGISTERED
    assert again.cancelled_at is None
    event.refresh_from_db()
    assert event.registered_count == 1


def test_visitors_cannot_register() -> None:
    with pytest.raises(PermissionDenied):
        register_for_event(AnonymousUser(), make_event())  # type: ignore[arg-type]  # on purpose


def test_a_past_event_is_closed_to_registration(member: Member) -> None:
    event = make_event(starts_at=NOW - timedelta(hours=3))
    with pytest.raises(PermissionDenied) as caught:
        register_for_event(member, event)
    assert str(caught.value) == "This event is over: registration is closed."
    assert not Registration.objects.exists()


def test_an_event_in_progress_still_takes_late_registrations(member: Member) -> None:
    event = make_event(starts_at=NOW - timedelta(minutes=10))
    assert register_for_event(member, event).status == RegistrationStatus.REGISTERED


def test_a_cancelled_event_is_closed_to_registration(member: Member, facilitator: Member) -> None:
    event = make_event(organiser=facilitator)
    cancel_event(facilitator, event)
    with pytest.raises(PermissionDenied) as caught:
        register_for_event(member, event)
    assert "cancelled" in str(caught.value)


def test_cancelling_a_registration(
    member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event()
    register_for_event(member, event)

    with django_capture_on_commit_callbacks(execute=True):
        registration = cancel_registration(member, event)

    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_at == NOW
    assert event.registered_count == 0
    (message,) = mail.outbox
    assert message.subject == (
        "[Tertulia] Your registration is cancelled: Gender-responsive budgeting in practice"
    )


def test_cancelling_without_a_registration_is_refused(member: Member) -> None:
    with pytest.raises(ValidationError) as caught:
        cancel_registration(member, make_event())
    assert caught.value.messages == ["You are not registered for this event."]


def test_nothing_is_mailed_when_the_transaction_rolls_back(
    member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    other = make_member()
    event = make_event()
    register_for_event(other, event)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        register_for_event(other, event)
    assert callbacks == []
    assert mail.outbox == []
