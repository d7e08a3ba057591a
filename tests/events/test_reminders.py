"""Reminders 24 hours and 1 hour before: queued with `run_after` when the task backend
can defer, sent by the cron command otherwise, and sent exactly once whichever runs
(and however often). A moved event's old reminders send nothing. Reminders are
notifications (`Kind.EVENT_REMINDER`); their mail is the notifications app's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_tasks import default_task_backend

from tertulia.accounts.models import Member
from tertulia.events.models import ReminderKind, SentReminder
from tertulia.events.services.events import cancel_event, update_event
from tertulia.events.services.registration import cancel_registration, register_for_event
from tertulia.events.tasks import send_event_reminder
from tertulia.notifications.models import Notification
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]
START = datetime(2026, 5, 21, 13, 0, tzinfo=UTC)  # 15:00 in Paris
SUBJECT = "[Tertulia] Reminder: “Gender-responsive budgeting in practice” starts soon"


def lead(message: Any) -> str:
    """Which reminder a mail is, from the line under its title."""
    if "This event starts in about 24 hours." in message.body:
        return "24h"
    if "This event starts in about one hour." in message.body:
        return "1h"
    raise AssertionError(f"not a reminder: {message.subject}")


@pytest.fixture(autouse=True)
def _a_week_before() -> Iterator[None]:
    with time_machine.travel(START - timedelta(days=7), tick=False):
        yield


@pytest.fixture
def deferring_backend(settings: Any) -> Any:
    """The dummy backend: defers like the database backend, and keeps what was queued."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    default_task_backend.clear()  # type: ignore[attr-defined]  # DummyBackend only
    return default_task_backend


def queued_reminders(backend: Any) -> list[tuple[Any, tuple[Any, ...]]]:
    return [
        (result.task.run_after, tuple(result.args))
        for result in backend.results
        if result.task.name == "send_event_reminder"
    ]


def test_registering_queues_both_reminders_with_run_after(
    member: Member, deferring_backend: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(starts_at=START)
    with (
        time_machine.travel(START - timedelta(days=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        registration = register_for_event(member, event)

    assert queued_reminders(deferring_backend) == [
        (START - timedelta(hours=24), (registration.pk, "24h", START.isoformat())),
        (START - timedelta(hours=1), (registration.pk, "1h", START.isoformat())),
    ]


def test_registering_late_queues_only_the_reminder_still_ahead(
    member: Member, deferring_backend: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(starts_at=START)
    with (
        time_machine.travel(START - timedelta(hours=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        register_for_event(member, event)
    assert [run_after for run_after, _args in queued_reminders(deferring_backend)] == [
        START - timedelta(hours=1)
    ]


def test_the_immediate_backend_queues_no_reminder(
    member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(starts_at=START)
    with (
        time_machine.travel(START - timedelta(days=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        register_for_event(member, event)
    assert len(mail.outbox) == 1  # the confirmation only, no reminder sent early
    assert not SentReminder.objects.exists()


def test_a_reminder_task_run_twice_sends_once(
    member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(starts_at=START)
    registration = register_for_event(member, event, notify=False)

    with time_machine.travel(START - timedelta(hours=24), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            first = send_event_reminder.call(registration.pk, "24h", START.isoformat())
        with django_capture_on_commit_callbacks(execute=True):
            second = send_event_reminder.call(registration.pk, "24h", START.isoformat())

    assert (first, second) == (True, False)
    (message,) = mail.outbox
    assert message.subject == SUBJECT
    assert lead(message) == "24h"
    assert message.to == [f"{member.display_name} <{member.email}>"]
    assert SentReminder.objects.get().kind == ReminderKind.DAY_BEFORE
    assert Notification.objects.get().dedupe_key == (
        f"reminder:{registration.pk}:24h:{START.isoformat()}"
    )


def test_the_command_sends_due_reminders_once_and_after_the_task(
    member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(starts_at=START)
    registration = register_for_event(member, event, notify=False)

    with time_machine.travel(START - timedelta(minutes=50), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            send_event_reminder.call(registration.pk, "1h", START.isoformat())
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_event_reminders", verbosity=0)

    # The 1-hour reminder went out once; the day-before one is no longer worth sending.
    assert [(m.subject, lead(m)) for m in mail.outbox] == [(SUBJECT, "1h")]


def test_the_command_alone_sends_each_reminder_when_due(
    member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    event = make_event(starts_at=START)
    with time_machine.travel(START - timedelta(days=3), tick=False):
        register_for_event(member, event, notify=False)

    for moment in [
        START - timedelta(hours=30),  # nothing due
        START - timedelta(hours=23),  # the day-before reminder
        START - timedelta(hours=22),  # already sent
        START - timedelta(minutes=55),  # the hour-before reminder
        START - timedelta(minutes=30),
        START + timedelta(minutes=5),  # started: nothing more
    ]:
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("send_event_reminders", verbosity=0)

    assert [lead(m) for m in mail.outbox] == ["24h", "1h"]


def test_a_moved_event_ignores_the_old_reminder_and_queues_new_ones(
    facilitator: Member,
    member: Member,
    deferring_backend: Any,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    event = make_event(starts_at=START, organiser=facilitator)
    with time_machine.travel(START - timedelta(days=5), tick=False):
        registration = register_for_event(member, event, notify=False)
        with django_capture_on_commit_callbacks(execute=True):
            update_event(
                facilitator,
                event,
                starts_local=datetime(2026, 5, 22, 15, 0),
                ends_local=datetime(2026, 5, 22, 16, 0),
            )
        # The move queued a task that queues the reminders for the new start.
        (scheduler,) = [
            r for r in deferring_backend.results if r.task.name == "schedule_event_reminders"
        ]
        scheduler.task.call(*scheduler.args)
    new_start = datetime(2026, 5, 22, 13, 0, tzinfo=UTC)
    assert [args for _run_after, args in queued_reminders(deferring_backend)] == [
        (registration.pk, "24h", new_start.isoformat()),
        (registration.pk, "1h", new_start.isoformat()),
    ]

    with (
        time_machine.travel(START - timedelta(hours=24), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert not send_event_reminder.call(registration.pk, "24h", START.isoformat())
    with (
        time_machine.travel(new_start - timedelta(hours=24), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_event_reminder.call(registration.pk, "24h", new_start.isoformat())
    # One reminder, for the new start; its mail is queued like any notification's.
    (notification,) = Notification.objects.all()
    assert notification.dedupe_key == f"reminder:{registration.pk}:24h:{new_start.isoformat()}"
    assert [
        r.args for r in deferring_backend.results if r.task.name == "send_notification_mail"
    ] == [[notification.pk]]
    assert [r.args for r in deferring_backend.results if r.task.name == "notify_registrants"] == [
        [event.pk, "moved"]
    ]


def test_no_reminder_for_a_cancelled_event_or_registration(
    facilitator: Member, member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    cancelled_event = make_event(starts_at=START, organiser=facilitator)
    left_event = make_event(starts_at=START, organiser=facilitator)
    with time_machine.travel(START - timedelta(days=3), tick=False):
        register_for_event(member, cancelled_event, notify=False)
        register_for_event(member, left_event, notify=False)
        cancel_event(facilitator, cancelled_event)
        cancel_registration(member, left_event, notify=False)

    with (
        time_machine.travel(START - timedelta(hours=23), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_event_reminders", verbosity=0)

    assert not SentReminder.objects.exists()


def test_the_database_backend_stores_deferred_reminders(
    member: Member, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    event = make_event(starts_at=START)
    with django_capture_on_commit_callbacks(execute=True):
        register_for_event(member, event)

    reminders = DBTaskResult.objects.filter(task_path__endswith="send_event_reminder")
    assert sorted(r.run_after for r in reminders) == [
        START - timedelta(hours=24),
        START - timedelta(hours=1),
    ]
