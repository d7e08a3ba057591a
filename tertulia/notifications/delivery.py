"""Sending one notification's mail exactly once, with bounded retries.

Each mail has an `OutgoingMail` row keyed `notification:<id>`. Before talking to SMTP a
run *claims* it with a conditional UPDATE (pending → sending, attempts + 1): only one run
can win, so a task delivered twice, a retry racing the cron command, or a double
enqueue sends one mail. After SMTP accepts, the row becomes `sent` and later runs stop.

Failures: a 4xx reply or a dropped connection puts the row back to `pending` with
`next_attempt_at` (backoff); a 5xx reply or MAX_ATTEMPTS failures mark it `failed`.
A worker killed between the claim and SMTP's answer leaves the row `sending`; it is
not retried automatically, because the mail may have left — we prefer one lost mail
(visible in the admin) to a duplicate.
"""

from __future__ import annotations

import smtplib
from datetime import datetime, timedelta
from enum import StrEnum

from django.db.models import F, Q
from django.utils import timezone

from tertulia.notifications.mail import build_notification_mail
from tertulia.notifications.models import Delivery, MailStatus, Notification, OutgoingMail
from tertulia.notifications.tokens import notification_message_id

MAX_ATTEMPTS = 5
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))


class Outcome(StrEnum):
    SENT = "sent"
    ALREADY = "already"  # sent, being sent, or waiting for its next attempt
    HELD = "held"  # send_after not reached
    SKIPPED = "skipped"  # not (or no longer) a mail: preference, inactive member, gone
    RETRY = "retry"  # failed for now; next_attempt_at set
    FAILED = "failed"  # gave up


def backoff(attempts: int) -> timedelta:
    return BACKOFF[min(attempts, len(BACKOFF)) - 1] if attempts > 0 else BACKOFF[0]


def is_permanent_failure(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def idempotency_key(notification_id: int) -> str:
    return f"notification:{notification_id}"


def deliver_notification(
    notification_id: int, *, now: datetime | None = None, respect_backoff: bool = True
) -> Outcome:
    """Send the notification's mail if it is due and not sent yet."""
    now = now or timezone.now()
    notification = (
        Notification.objects.select_related("recipient", "actor").filter(pk=notification_id).first()
    )
    if notification is None or notification.delivery != Delivery.EMAIL:
        return Outcome.SKIPPED
    if notification.send_after is not None and notification.send_after > now:
        return Outcome.HELD
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return Outcome.SKIPPED
    row, _created = OutgoingMail.objects.get_or_create(
        idempotency_key=idempotency_key(notification_id),
        defaults={
            "notification": notification,
            "recipient": recipient,
            "message_id": notification_message_id(notification_id),
        },
    )
    if row.status == MailStatus.FAILED:
        return Outcome.FAILED
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claim = OutgoingMail.objects.filter(pk=row.pk, status=MailStatus.PENDING)
    if respect_backoff:
        claim = claim.filter(due)
    if not claim.update(status=MailStatus.SENDING, attempts=F("attempts") + 1):
        return Outcome.ALREADY
    row.refresh_from_db()
    message = build_notification_mail(notification)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        return _record_failure(row, error, now)
    sent_at = timezone.now()
    OutgoingMail.objects.filter(pk=row.pk).update(
        status=MailStatus.SENT, sent_at=sent_at, subject=message.subject[:300], last_error=""
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=sent_at)
    return Outcome.SENT


def _record_failure(row: OutgoingMail, error: Exception, now: datetime) -> Outcome:
    description = f"{type(error).__name__}: {error}"[:2000]
    if is_permanent_failure(error) or row.attempts >= MAX_ATTEMPTS:
        OutgoingMail.objects.filter(pk=row.pk).update(
            status=MailStatus.FAILED, last_error=description, next_attempt_at=None
        )
        return Outcome.FAILED
    OutgoingMail.objects.filter(pk=row.pk).update(
        status=MailStatus.PENDING,
        last_error=description,
        next_attempt_at=now + backoff(row.attempts),
    )
    return Outcome.RETRY


def next_attempt_at(notification_id: int) -> datetime | None:
    return (
        OutgoingMail.objects.filter(idempotency_key=idempotency_key(notification_id))
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def due_notification_ids(now: datetime, *, max_age: timedelta = timedelta(days=7)) -> list[int]:
    """Notifications whose mail should go out now and has not (for the cron command)."""
    held_or_done = [MailStatus.SENT, MailStatus.SENDING, MailStatus.FAILED]
    return list(
        Notification.objects.filter(
            delivery=Delivery.EMAIL, emailed_at__isnull=True, created_at__gte=now - max_age
        )
        .filter(Q(send_after__isnull=True) | Q(send_after__lte=now))
        .exclude(outgoing_mails__status__in=held_or_done)
        .exclude(outgoing_mails__next_attempt_at__gt=now)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
    )
