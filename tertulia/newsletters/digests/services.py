"""Sending the digests that are due, exactly once, and turning a digest off.

Each digest has an `OutgoingMail` row keyed "digest:<cadence>:<member>:<local date>".
Sending one:

1. its content is read and rendered (queries.py, mail.py);
2. in one transaction the row is created or, after a failed attempt, taken back
   (pending → sending, a conditional UPDATE only one run can win), and the digest's
   notifications are marked mailed (`emailed_at`) — only those still unmarked; if others
   took some meanwhile, the digest is rendered again without them;
3. after commit the mail goes to SMTP; on success the row becomes `sent`.

So a second run, a retry racing the cron command, or two workers send one mail, and a
notification is in one digest only. A transient SMTP failure (4xx, dropped connection)
puts the row back to `pending` with a backoff and unmarks the notifications, and a later
run the same local day tries again; a permanent one (5xx, or too many attempts) marks it
`failed` and the notifications wait for the next digest. A worker killed between the
claim and SMTP's answer leaves the row `sending` and the digest unsent: as for
notification mail (notifications/delivery.py), one lost digest is preferred to a
duplicate.
"""

from __future__ import annotations

import logging
import smtplib
from collections import Counter
from datetime import datetime
from enum import StrEnum

from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.newsletters.digests.cadences import CADENCES, Cadence, digest_choices
from tertulia.newsletters.digests.contents import Digest
from tertulia.newsletters.digests.due import due_recipient_batches
from tertulia.newsletters.digests.mail import build_digest_mail, digest_message_id
from tertulia.newsletters.digests.queries import build_digests
from tertulia.newsletters.digests.schedule import idempotency_key
from tertulia.notifications.delivery import MAX_ATTEMPTS, backoff, is_permanent_failure
from tertulia.notifications.models import Delivery, Kind, MailStatus, Notification, OutgoingMail
from tertulia.notifications.services import set_preference

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    SENT = "sent"
    EMPTY = "empty"  # nothing to tell: no mail
    ALREADY = "already"  # another run claimed it first
    RETRY = "retry"  # failed for now; a later run today tries again
    FAILED = "failed"  # gave up; the notifications wait for the next digest
    ERROR = "error"  # could not be read or rendered (logged); nothing was claimed


class _Connection:
    """One SMTP connection for a whole run, opened at the first mail and reopened after
    an error (the server's state is unknown then)."""

    def __init__(self) -> None:
        self.backend: BaseEmailBackend = get_connection()
        self.is_open = False

    def send(self, message: EmailMessage) -> None:
        if not self.is_open:
            self.backend.open()
            self.is_open = True
        self.backend.send_messages([message])

    def close(self) -> None:
        if self.is_open:
            self.is_open = False
            try:
                self.backend.close()
            except (smtplib.SMTPException, OSError):
                logger.warning("Closing the SMTP connection failed", exc_info=True)


def _is_permanent(error: Exception) -> bool:
    """A 5xx reply, as for any mail, or an error that is no mail server's: trying the
    same digest again would fail the same way."""
    return is_permanent_failure(error) or not isinstance(error, smtplib.SMTPException | OSError)


def _claim(digest: Digest, subject: str, now: datetime) -> OutgoingMail | None:
    """Take the digest's mail row for this run, or None when another run has it.

    The first attempt inserts the row already `sending`; a later attempt takes back a
    `pending` row whose next attempt is due, with a conditional UPDATE."""
    period = digest.period
    key = idempotency_key(period.cadence, digest.member.pk, period.local_day)
    try:
        with transaction.atomic():
            return OutgoingMail.objects.create(
                idempotency_key=key,
                recipient=digest.member,
                message_id=digest_message_id(key),
                subject=subject[:300],
                status=MailStatus.SENDING,
                attempts=1,
            )
    except IntegrityError:
        pass  # the row exists: sent, being sent, or waiting for another attempt
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = (
        OutgoingMail.objects.filter(idempotency_key=key, status=MailStatus.PENDING)
        .filter(due)
        .update(status=MailStatus.SENDING, attempts=F("attempts") + 1, subject=subject[:300])
    )
    return OutgoingMail.objects.get(idempotency_key=key) if claimed else None


def _mark_mailed(ids: list[int], moment: datetime) -> set[int]:
    """Mark these notifications mailed; the ones this call marked (others were taken)."""
    if not ids:
        return set()
    taken = set(
        Notification.objects.select_for_update()
        .filter(pk__in=ids, emailed_at__isnull=True)
        .values_list("pk", flat=True)
    )
    Notification.objects.filter(pk__in=taken).update(emailed_at=moment)
    return taken


def _record_failure(row: OutgoingMail, error: Exception, now: datetime, taken: set[int]) -> Outcome:
    description = f"{type(error).__name__}: {error}"[:2000]
    permanent = _is_permanent(error) or row.attempts >= MAX_ATTEMPTS
    with transaction.atomic():
        # Not sent: the notifications go in the retry, or else in the next digest.
        Notification.objects.filter(pk__in=taken).update(emailed_at=None)
        OutgoingMail.objects.filter(pk=row.pk).update(
            status=MailStatus.FAILED if permanent else MailStatus.PENDING,
            last_error=description,
            next_attempt_at=None if permanent else now + backoff(row.attempts),
        )
    return Outcome.FAILED if permanent else Outcome.RETRY


def send_digest(digest: Digest, now: datetime, connection: _Connection) -> Outcome:
    """Send one digest at most once (see the module's docstring)."""
    if digest.is_empty:
        return Outcome.EMPTY
    message = build_digest_mail(digest)
    with transaction.atomic():
        row = _claim(digest, str(message.subject), now)
        if row is None:
            return Outcome.ALREADY
        wanted = digest.notification_ids
        taken = _mark_mailed(wanted, timezone.now())
        if len(taken) != len(wanted):
            digest = digest.keeping_notifications(taken)
            if digest.is_empty:
                transaction.set_rollback(True)
                return Outcome.EMPTY
            message = build_digest_mail(digest)
    try:
        connection.send(message)
    except Exception as error:  # whatever went wrong, the row must say so
        connection.close()
        logger.warning("Digest %s not sent: %s", row.idempotency_key, error)
        return _record_failure(row, error, now, taken)
    OutgoingMail.objects.filter(pk=row.pk).update(
        status=MailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return Outcome.SENT


def _send_logging_errors(digest: Digest, now: datetime, connection: _Connection) -> Outcome:
    try:
        return send_digest(digest, now, connection)
    except Exception:  # one member's broken digest must not stop everyone else's
        logger.exception("Digest for member %s failed", digest.member.pk)
        return Outcome.ERROR


def send_due_digests(now: datetime | None = None) -> Counter[str]:
    """Send every digest due at `now` (default: the current time); safe to run at any
    time and as often as wanted. Returns how many digests ended how."""
    now = now or timezone.now()
    outcomes: Counter[str] = Counter()
    connection = _Connection()
    try:
        for cadence in Cadence:
            for batch in due_recipient_batches(cadence, now):
                for digest in build_digests(batch, cadence, now):
                    outcomes[_send_logging_errors(digest, now, connection)] += 1
    finally:
        connection.close()
    return outcomes


def turn_off_digest(member_id: int, cadence: str) -> bool:
    """One-click unsubscribe: every choice that fills this digest becomes "on the site
    only", so the member no longer gets it (and still sees everything on the site).

    False when the member or cadence does not exist; doing it twice changes nothing."""
    member = Member.objects.filter(pk=member_id).first()
    if member is None or cadence not in CADENCES:
        return False
    wanted = Cadence(cadence).delivery
    choices = digest_choices([member.pk])[member.pk]
    with transaction.atomic():
        for kind in Kind.values:
            if choices.delivery(kind) == wanted:
                set_preference(member, kind, Delivery.IN_APP)
        for (kind, scope), delivery in choices.per_scope.items():
            if delivery == wanted:
                set_preference(member, kind, Delivery.IN_APP, scope=scope)
    return True
