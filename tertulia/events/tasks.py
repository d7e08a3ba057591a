"""Background work for events, through Django's Tasks API (django-tasks): thin wrappers
around the services and the events mail, run after the transaction that asked for them.

How reminders are queued, deduplicated and skipped is told in
`tertulia.events.services.reminders`.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django_tasks import default_task_backend, task

from tertulia.events import mail
from tertulia.events.mail import MailKind
from tertulia.events.models import Event, Registration
from tertulia.events.services import notices, reminders

# --- The events app's own mail (it carries the calendar file) ------------------------------


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


# --- Notifications ------------------------------------------------------------------------


@task()
def announce_recording(event_id: int) -> int:
    """Tell the registrants that the event's recording is up."""
    return notices.tell_registrants_of_recording(event_id)


@task()
def send_event_reminder(registration_id: int, kind: str, for_start: str) -> bool:
    """The queued reminder: `for_start` is the ISO start the reminder was queued for."""
    return reminders.send_reminder(registration_id, kind, datetime.fromisoformat(for_start))


def schedule_reminders(registration_id: int) -> int:
    """Queue the reminders still ahead for a confirmed place; returns how many.

    Only backends that can defer a task get one; otherwise the cron command sends them.
    """
    if not default_task_backend.supports_defer:
        return 0
    ahead = reminders.reminders_ahead(registration_id, timezone.now())
    for kind, run_after, starts_at in ahead:
        send_event_reminder.using(run_after=run_after).enqueue(
            registration_id, kind, starts_at.isoformat()
        )
    return len(ahead)


@task()
def schedule_event_reminders(event_id: int) -> int:
    """After an event moved: reminders for its new start, for everyone registered."""
    return sum(schedule_reminders(pk) for pk in reminders.registered_ids(event_id))
