"""Reminders 24 hours and 1 hour before an event, told through `notify()`.

- When a member's place is confirmed (registration or promotion from the waiting list)
  and when an event moves, a `send_event_reminder` task is queued for each reminder
  still ahead (`reminders_ahead`), with `run_after` = start - 24 h or start - 1 h, if
  the task backend can defer tasks (the database backend and its worker can; the
  immediate backend cannot, and queues nothing). The task carries the start it was for.
- `tertulia send-event-reminders` (cron, every few minutes) sends every reminder that is
  due and not yet sent: the fallback for backends without deferral and for a worker
  that was down. Both paths call `send_reminder`.
- `send_reminder` decides inside one transaction: it locks the registration, checks the
  member is still registered, the event still scheduled and still starting at the start
  the reminder was for (an event that moved has new tasks; the old ones find the start
  changed and do nothing), and that it is not too late. It then inserts the
  `SentReminder` row (unique per registration, kind and start): a second run of the same
  task, or the cron command after the task, hits the constraint and tells nobody. The
  notification is written in the same transaction with a dedupe key of the same three
  parts, and its mail leaves after commit, so a rolled-back decision mails no one.
- The member's choice for "An event I registered for is starting" applies: turned off,
  the reminder is recorded as handled and nothing is written or mailed.
- A reminder whose moment passed before the member registered is not sent (someone
  registering two hours before gets the 1-hour reminder, not a "tomorrow" one), and the
  24-hour reminder is skipped once the 1-hour one is due.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from tertulia.events.models import (
    EventStatus,
    Registration,
    RegistrationStatus,
    ReminderKind,
    SentReminder,
)
from tertulia.events.services.notices import tell_reminder

logger = logging.getLogger(__name__)

REMINDER_LEADS = {
    ReminderKind.DAY_BEFORE: timedelta(hours=24),
    ReminderKind.HOUR_BEFORE: timedelta(hours=1),
}


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
    """Tell one reminder at most once; True when this call wrote the notification."""
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
            return False  # already handled by another run
        return tell_reminder(registration, kind, for_start) is not None


def reminders_ahead(registration_id: int, now: datetime) -> list[tuple[str, datetime, datetime]]:
    """(kind, run_after, start) of the reminders still ahead for a confirmed place."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        return []
    event = registration.event
    if event.status != EventStatus.SCHEDULED:
        return []
    ahead = []
    for kind, lead in REMINDER_LEADS.items():
        run_after = event.starts_at - lead
        if run_after > now:
            ahead.append((str(kind), run_after, event.starts_at))
    return ahead


def registered_ids(event_id: int) -> list[int]:
    """The registrations holding a place (whose reminders follow a moved event)."""
    return list(
        Registration.objects.filter(
            event_id=event_id, status=RegistrationStatus.REGISTERED
        ).values_list("id", flat=True)
    )


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
    """Tell every due reminder (the cron path); returns how many were written."""
    now = now or timezone.now()
    sent = 0
    for registration_id, kind, for_start in due_reminders(now):
        try:
            sent += send_reminder(registration_id, kind, for_start, now=now)
        except Exception:  # one broken row must not stop everyone else's reminder
            logger.exception("Reminder %s for registration %s failed", kind, registration_id)
    return sent
