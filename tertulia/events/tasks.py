"""Background work for events, through Django's Tasks API (django-tasks): mail to
registrants and the reminders 24 hours and 1 hour before an event.

Reminder design
---------------
- When a member's place is confirmed (registration or promotion from the waiting list)
  and when an event moves, a `send_event_reminder` task is queued for each reminder
  with `run_after` = start - 24 h or start - 1 h, if the task backend can defer tasks
  (`supports_defer`: the database backend and its worker can; the immediate backend
  cannot, and queues nothing). The task carries the start it was meant for.
- `manage.py send_event_reminders` (cron, every few minutes) sends every reminder that
  is due and not yet sent: the fallback for backends without deferral and for a worker
  that was down. Both paths call `send_reminder`.
- `send_reminder` decides inside one transaction: it locks the registration, checks the
  member is still registered, the event still scheduled and still starting at the start
  the reminder was for (an event that moved has new tasks; the old ones find the start
  changed and do nothing), and that it is not too late. It then inserts the
  `SentReminder` row (unique per registration, kind and start): a second run of the same
  task, or the cron command after the task, hits the constraint and sends nothing. The
  mail goes out after commit, so a rolled-back decision never mails anyone; a mail
  server failure after commit loses that one reminder rather than sending it twice.
- A reminder whose moment passed before the member registered is not sent (someone
  registering two hours before gets the 1-hour reminder, not a "tomorrow" one), and the
  24-hour reminder is skipped once the 1-hour one is due.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_tasks import default_task_backend, task

from tertulia.events import mail
from tertulia.events.mail import MailKind
from tertulia.events.models import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    ReminderKind,
    SentReminder,
)

logger = logging.getLogger(__name__)

REMINDER_LEADS = {
    ReminderKind.DAY_BEFORE: timedelta(hours=24),
    ReminderKind.HOUR_BEFORE: timedelta(hours=1),
}
REMINDER_MAIL = {
    ReminderKind.DAY_BEFORE: MailKind.REMINDER_DAY,
    ReminderKind.HOUR_BEFORE: MailKind.REMINDER_HOUR,
}


# --- Mail ---------------------------------------------------------------------------------


@task()
def notify_registration(registration_id: int, kind: str) -> bool:
    """Mail one registrant about their registration (confirmation, waiting list...)."""
    registration = (
        Registration.objects.select_related("event", "member").filter(pk=registration_id).first()
    )
    if registration is None:
        return False
    return mail.send_registration_mail(registration, MailKind(kind))


@task()
def notify_registrants(event_id: int, kind: str, note: str = "") -> int:
    """Mail everyone registered or waiting about a change to the event."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    return mail.send_event_notice(event, MailKind(kind), note=note)


# --- Reminders ----------------------------------------------------------------------------


def _registered_since(registration: Registration) -> datetime:
    promoted = registration.promoted_at
    return max(registration.created_at, promoted) if promoted else registration.created_at


def reminder_is_due(registration: Registration, kind: str, now: datetime) -> bool:
    """Whether the `kind` reminder should go out now for the event's current start."""
    starts_at = registration.event.starts_at
    due = starts_at - REMINDER_LEADS[ReminderKind(kind)]
    if now < due or now >= starts_at:
        return False
    if (
        kind == ReminderKind.DAY_BEFORE
        and now >= starts_at - REMINDER_LEADS[ReminderKind.HOUR_BEFORE]
    ):
        return False  # the 1-hour reminder is the one that matters now
    return due >= _registered_since(registration)


def send_reminder(
    registration_id: int, kind: str, for_start: datetime, now: datetime | None = None
) -> bool:
    """Send one reminder at most once; True when this call sent it."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "member")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.status != RegistrationStatus.REGISTERED:
            return False
        event = registration.event
        if event.status != EventStatus.SCHEDULED or event.starts_at != for_start:
            return False  # cancelled, or moved: the new start has its own reminders
        if not reminder_is_due(registration, kind, now):
            return False
        try:
            with transaction.atomic():
                SentReminder.objects.create(
                    registration=registration, kind=kind, for_start=for_start, sent_at=now
                )
        except IntegrityError:
            return False  # already sent by another run
        transaction.on_commit(
            partial(mail.send_registration_mail, registration, REMINDER_MAIL[ReminderKind(kind)])
        )
    return True


@task()
def send_event_reminder(registration_id: int, kind: str, for_start: str) -> bool:
    """The queued reminder: `for_start` is the ISO start the reminder was queued for."""
    return send_reminder(registration_id, kind, datetime.fromisoformat(for_start))


def schedule_reminders(registration_id: int) -> int:
    """Queue the reminders still ahead for a confirmed place; returns how many.

    Only backends that can defer a task get one; otherwise the cron command sends them.
    """
    if not default_task_backend.supports_defer:
        return 0
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        return 0
    event = registration.event
    if event.status != EventStatus.SCHEDULED:
        return 0
    now = timezone.now()
    queued = 0
    for kind, lead in REMINDER_LEADS.items():
        run_after = event.starts_at - lead
        if run_after <= now:
            continue
        send_event_reminder.using(run_after=run_after).enqueue(
            registration.pk, str(kind), event.starts_at.isoformat()
        )
        queued += 1
    return queued


@task()
def schedule_event_reminders(event_id: int) -> int:
    """After an event moved: reminders for its new start, for everyone registered."""
    ids = Registration.objects.filter(
        event_id=event_id, status=RegistrationStatus.REGISTERED
    ).values_list("id", flat=True)
    return sum(schedule_reminders(registration_id) for registration_id in ids)


def due_reminders(now: datetime) -> list[tuple[int, str, datetime]]:
    """(registration id, kind, start) of every reminder due now and not sent yet."""
    found: list[tuple[int, str, datetime]] = []
    for kind, lead in REMINDER_LEADS.items():
        sent = SentReminder.objects.filter(
            registration=OuterRef("pk"), kind=kind, for_start=OuterRef("event__starts_at")
        )
        window = Q(event__starts_at__gt=now, event__starts_at__lte=now + lead)
        rows = (
            Registration.objects.filter(window, status=RegistrationStatus.REGISTERED)
            .filter(event__status=EventStatus.SCHEDULED)
            .exclude(Exists(sent))
            .select_related("event")
            .order_by("event__starts_at", "id")
        )
        found.extend(
            (row.pk, str(kind), row.event.starts_at)
            for row in rows
            if reminder_is_due(row, kind, now)
        )
    return found


def send_due_reminders(now: datetime | None = None) -> int:
    """Send every due reminder (the cron path); returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for registration_id, kind, for_start in due_reminders(now):
        try:
            sent += send_reminder(registration_id, kind, for_start, now=now)
        except Exception:  # one bad address must not stop everyone else's reminder
            logger.exception("Reminder %s for registration %s failed", kind, registration_id)
    return sent
