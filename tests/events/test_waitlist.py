"""Capacity and the waiting list: a full event puts members on the list in order; a
place freed by a cancellation (or a larger capacity) goes to the first waiting, in the
same transaction, and they are notified (the notifications app mails them). The counters
stay exact."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail

from tertulia.accounts.models import Member
from tertulia.events.models import Event, Registration, RegistrationStatus
from tertulia.events.services.events import update_event
from tertulia.events.services.registration import cancel_registration, register_for_event
from tests.events.factories import event_page_url, make_event
from tests.factories import make_member

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]


def counts(event: Event) -> tuple[int, int]:
    event.refresh_from_db()
    return event.registered_count, event.waitlist_count


def status_of(member: Member, event: Event) -> str:
    return str(Registration.objects.get(event=event, member=member).status)


def test_a_full_event_puts_members_on_the_waiting_list() -> None:
    event = make_event(capacity=2)
    first, second, third, fourth = (make_member() for _ in range(4))

    statuses = [register_for_event(m, event).status for m in (first, second, third, fourth)]

    assert statuses == ["registered", "registered", "waitlisted", "waitlisted"]
    assert counts(event) == (2, 2)
    assert event.is_full


def test_a_cancellation_promotes_the_first_waiting_and_mails_them(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    event = make_event(capacity=1)
    holder, waiting_first, waiting_second = make_member(), make_member(), make_member()
    register_for_event(holder, event)
    register_for_event(waiting_first, event)
    register_for_event(waiting_second, event)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(holder, event)

    assert status_of(waiting_first, event) == RegistrationStatus.REGISTERED
    assert status_of(waiting_second, event) == RegistrationStatus.WAITLISTED
    assert Registration.objects.get(member=waiting_first).promoted_at is not None
    assert counts(event) == (1, 1)
    # The holder's own cancellation mail, then one notification mail for the promotion;
    # the calendar file is on the event page it links to.
    holder_mail, promoted_mail = mail.outbox
    assert holder_mail.to == [holder.email]
    assert holder_mail.subject.startswith("[Tertulia] Your registration is cancelled")
    assert promoted_mail.to == [f"{waiting_first.display_name} <{waiting_first.email}>"]
    assert promoted_mail.subject == (
        "[Tertulia] You have a place at “Gender-responsive budgeting in practice”"
    )
    assert event_page_url(event) in promoted_mail.body


def test_leaving_the_waiting_list_promotes_no_one() -> None:
    event = make_event(capacity=1)
    holder, waiting = make_member(), make_member()
    register_for_event(holder, event)
    register_for_event(waiting, event)

    cancel_registration(waiting, event)

    assert status_of(holder, event) == RegistrationStatus.REGISTERED
    assert counts(event) == (1, 0)


def test_raising_the_capacity_gives_places_to_those_waiting(facilitator: Member) -> None:
    event = make_event(capacity=1, organiser=facilitator)
    members = [make_member() for _ in range(4)]
    for m in members:
        register_for_event(m, event)
    assert counts(event) == (1, 3)

    update_event(facilitator, event, capacity=3)

    assert [status_of(m, event) for m in members] == [
        "registered", "registered", "registered", "waitlisted",
    ]  # fmt: skip
    assert counts(event) == (3, 1)


def test_removing_the_limit_registers_everyone_waiting(facilitator: Member) -> None:
    event = make_event(capacity=1, organiser=facilitator)
    members = [make_member() for _ in range(3)]
    for m in members:
        register_for_event(m, event)

    update_event(facilitator, event, capacity=None)

    assert counts(event) == (3, 0)


def test_a_new_registrant_waits_behind_those_already_waiting() -> None:
    event = make_event(capacity=1)
    holder, waiting, late = make_member(), make_member(), make_member()
    register_for_event(holder, event)
    register_for_event(waiting, event)
    # A place frees up and the first waiting takes it: the newcomer waits.
    cancel_registration(holder, event)
    assert register_for_event(late, event).status == RegistrationStatus.WAITLISTED
    assert status_of(waiting, event) == RegistrationStatus.REGISTERED
