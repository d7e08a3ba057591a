"""Background work: sending a notification's mail (django-tasks).

django-tasks has no retry of its own. With a backend that can defer (the database
backend and its worker) a failed attempt re-enqueues the task with `run_after` at the
backoff; with the immediate backend the task retries inline a few times. Either way the
`OutgoingMail` row counts attempts, so retries are bounded, and its claim makes a
second run send nothing (delivery.py).
"""

from __future__ import annotations

import time
from datetime import datetime

from django.utils import timezone
from django_tasks import task

from tertulia.notifications import delivery
from tertulia.notifications.delivery import Outcome

# Pause between inline attempts (immediate backend only: it runs inside a request).
INLINE_RETRY_PAUSE_SECONDS = 0.5


@task()
def send_notification_mail(notification_id: int) -> str:
    if send_notification_mail.get_backend().supports_defer:
        outcome = delivery.deliver_notification(notification_id)
        if outcome == Outcome.RETRY:
            run_after = delivery.next_attempt_at(notification_id) or timezone.now()
            send_notification_mail.using(run_after=run_after).enqueue(notification_id)
        return str(outcome)
    outcome = delivery.deliver_notification(notification_id, respect_backoff=False)
    while outcome == Outcome.RETRY:
        time.sleep(INLINE_RETRY_PAUSE_SECONDS)
        outcome = delivery.deliver_notification(notification_id, respect_backoff=False)
    return str(outcome)


def queue_notification_mail(notification_id: int, send_after: datetime | None) -> None:
    """Called after commit by notify(). Mail held until `send_after` is deferred when the
    backend can; otherwise `send_due_notifications` (cron) sends it once due."""
    if send_after is not None and send_after > timezone.now():
        if send_notification_mail.get_backend().supports_defer:
            send_notification_mail.using(run_after=send_after).enqueue(notification_id)
        return
    send_notification_mail.enqueue(notification_id)
