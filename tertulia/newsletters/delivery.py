"""Sending an issue in batches, each recipient exactly once, resuming after a crash.

When sending starts, every recipient gets one `IssueDelivery` row, unique per (issue,
member). A batch *claims* up to BATCH_SIZE rows in one transaction (pending → sending,
locked with SKIP LOCKED on PostgreSQL, under SQLite's write lock otherwise), so two
workers never hold the same row; it then opens one SMTP connection and, for each row,
hands the mail to SMTP and marks the row sent right after the server accepts it. Each
edition is rendered and serialised once per batch (mail.PreparedEdition); a member's
copy only gets their address and unsubscribe link written in.

A worker that dies mid-batch leaves its unsent rows `sending`. A claim older than
`stale_after()` (NEWSLETTER_STALE_CLAIM_SECONDS, 15 minutes by default, far longer than
a batch takes) is taken to be abandoned and is claimed again. The one mail that was in
flight when the worker died is the only one that can arrive twice: if it died after the
SMTP server accepted that mail but before the row was marked sent (the time of one
UPDATE), the mail goes out again. Every other row was either marked sent or never
reached SMTP. A re-sent copy carries the same Message-ID, which many mail clients use
to show it once.

Failures: a 5xx reply marks the row failed; a 4xx reply or a dropped connection puts it
back to pending with a backoff, at most MAX_ATTEMPTS tries. Members who opted out or
left between the start of the sending and their turn are skipped.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import transaction
from django.db.models import F, Min, Q, QuerySet
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.newsletters.editions import pick_edition
from tertulia.newsletters.mail import (
    RenderedEdition,
    build_newsletter_mail,
    prepare_for_smtp,
    render_edition,
)
from tertulia.newsletters.models import (
    DeliveryStatus,
    Edition,
    Issue,
    IssueDelivery,
    IssueStatus,
)

# One retry policy for every mail the site sends: the same tries, waits and idea of a
# permanent SMTP failure as a notification's.
from tertulia.notifications.delivery import MAX_ATTEMPTS, backoff, is_permanent_failure

BATCH_SIZE = 200
LISTING_CHUNK = 2000
DEFAULT_STALE_CLAIM_SECONDS = 15 * 60


def stale_after() -> timedelta:
    """How old a `sending` claim must be before another batch takes it over."""
    seconds = getattr(settings, "NEWSLETTER_STALE_CLAIM_SECONDS", DEFAULT_STALE_CLAIM_SECONDS)
    return timedelta(seconds=seconds)


def recipients() -> QuerySet[Member]:
    """Who gets the newsletter: active members with an address who have not opted out."""
    return (
        Member.objects.filter(is_active=True)
        .exclude(email="")
        .exclude(mail_settings__newsletter_opt_out=True)
    )


def is_sending(issue_id: int) -> bool:
    return Issue.objects.filter(pk=issue_id, status=IssueStatus.SENDING).exists()


def list_recipients(issue_id: int) -> None:
    """Give every recipient a delivery row, once. Safe to repeat: a crash half-way leaves
    rows that the unique (issue, member) constraint keeps from being doubled."""
    if Issue.objects.filter(pk=issue_id, recipients_listed_at__isnull=False).exists():
        return
    member_ids = list(recipients().order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        for start in range(0, len(member_ids), LISTING_CHUNK):
            IssueDelivery.objects.bulk_create(
                (
                    IssueDelivery(issue_id=issue_id, member_id=member_id)
                    for member_id in member_ids[start : start + LISTING_CHUNK]
                ),
                ignore_conflicts=True,
            )
        count = IssueDelivery.objects.filter(issue_id=issue_id).count()
        Issue.objects.filter(pk=issue_id, recipients_listed_at__isnull=True).update(
            recipients_listed_at=timezone.now(), recipient_count=count
        )


def _claimable(issue_id: int, now: datetime, *, respect_backoff: bool) -> Q:
    due = Q(status=DeliveryStatus.PENDING)
    if respect_backoff:
        due &= Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    abandoned = Q(status=DeliveryStatus.SENDING, claimed_at__lt=now - stale_after())
    return Q(issue_id=issue_id) & (due | abandoned)


def has_claimable(issue_id: int, now: datetime, *, respect_backoff: bool = True) -> bool:
    return IssueDelivery.objects.filter(
        _claimable(issue_id, now, respect_backoff=respect_backoff)
    ).exists()


def claim_batch(
    issue_id: int, now: datetime, *, size: int | None = None, respect_backoff: bool = True
) -> list[int]:
    """Take up to `size` (BATCH_SIZE) rows; the ids this batch, and no other, now holds."""
    size = size or BATCH_SIZE
    claimable = _claimable(issue_id, now, respect_backoff=respect_backoff)
    with transaction.atomic():
        ids = list(
            IssueDelivery.objects.filter(claimable)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if ids:
            IssueDelivery.objects.filter(claimable, pk__in=ids).update(
                status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    return ids


def rendered_editions(issue_id: int) -> list[RenderedEdition]:
    """Every edition of the issue, rendered once for the whole batch."""
    editions = Edition.objects.filter(issue_id=issue_id).prefetch_related("sections")
    return [render_edition(edition, list(edition.sections.all())) for edition in editions]


@dataclass
class BatchReport:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    retried: int = 0
    skipped: int = 0

    def add(self, other: BatchReport) -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.failed += other.failed
        self.retried += other.retried
        self.skipped += other.skipped

    def __str__(self) -> str:
        return (
            f"claimed {self.claimed}, sent {self.sent}, failed {self.failed}, "
            f"retried {self.retried}, skipped {self.skipped}"
        )


def _record_failure(
    delivery: IssueDelivery, error: Exception, report: BatchReport, *, permanent: bool = False
) -> None:
    description = f"{type(error).__name__}: {error}"[:2000]
    rows = IssueDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING)
    if permanent or is_permanent_failure(error) or delivery.attempts >= MAX_ATTEMPTS:
        rows.update(status=DeliveryStatus.FAILED, last_error=description, claimed_at=None)
        report.failed += 1
        return
    rows.update(
        status=DeliveryStatus.PENDING,
        last_error=description,
        claimed_at=None,
        next_attempt_at=timezone.now() + backoff(delivery.attempts),
    )
    report.retried += 1


def _release(deliveries: Iterable[IssueDelivery]) -> None:
    """Rows this batch claimed but never tried: back to the queue, the try not counted."""
    ids = [delivery.pk for delivery in deliveries]
    IssueDelivery.objects.filter(pk__in=ids, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.PENDING, claimed_at=None, attempts=F("attempts") - 1
    )


def _wants_newsletter(member: Member) -> bool:
    if not member.is_active or not member.email:
        return False
    # Loaded with the member (select_related); a member without the row has the defaults.
    mail_settings = getattr(member, "mail_settings", None)
    return not (mail_settings is not None and mail_settings.newsletter_opt_out)


def _sender(
    connection: BaseEmailBackend, editions: list[RenderedEdition]
) -> Callable[[RenderedEdition, Member], None]:
    """How to hand one member's mail to the open connection: over SMTP, the edition's
    bytes prepared once and completed per member; through any other backend (the
    console in the demo), a message built per member."""
    prepared = {}
    if isinstance(connection, SMTPBackend):
        prepared = {edition.language: prepare_for_smtp(edition) for edition in editions}

    def send(rendered: RenderedEdition, member: Member) -> None:
        ready = prepared.get(rendered.language)
        smtp = getattr(connection, "connection", None)
        if ready is not None and isinstance(smtp, smtplib.SMTP):
            smtp.sendmail(ready.envelope_from, [ready.envelope_to(member)], ready.raw_for(member))
        else:
            connection.send_messages([build_newsletter_mail(rendered, member)])

    return send


def send_claimed(delivery_ids: Sequence[int], editions: list[RenderedEdition]) -> BatchReport:
    """Mail the claimed rows over one SMTP connection, marking each sent as it goes."""
    report = BatchReport(claimed=len(delivery_ids))
    deliveries = list(
        IssueDelivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.SENDING)
        .select_related("member", "member__mail_settings")
        .order_by("pk")
    )
    connection = get_connection()
    try:
        connection.open()
    except OSError as error:  # smtplib.SMTPException is an OSError
        for delivery in deliveries:
            _record_failure(delivery, error, report)
        return report
    send = _sender(connection, editions)
    try:
        for index, delivery in enumerate(deliveries):
            member = delivery.member
            rendered = pick_edition(member.interface_language, editions)
            if rendered is None or not _wants_newsletter(member):
                IssueDelivery.objects.filter(pk=delivery.pk).update(
                    status=DeliveryStatus.SKIPPED, claimed_at=None
                )
                report.skipped += 1
                continue
            try:
                send(rendered, member)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
                _record_failure(delivery, error, report)
                continue
            except ValueError as error:  # an address no mail server could take
                _record_failure(delivery, error, report, permanent=True)
                continue
            except OSError as error:  # the connection is gone: the rest wait for a new one
                _record_failure(delivery, error, report)
                _release(deliveries[index + 1 :])
                break
            # Right after the server accepted it: this UPDATE is the whole window in
            # which a crash can make this one mail go out twice (see the module doc).
            IssueDelivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.SENT,
                sent_at=timezone.now(),
                language=rendered.language,
                claimed_at=None,
                last_error="",
            )
            report.sent += 1
    finally:
        connection.close()
    return report


def run_batch(issue_id: int, *, respect_backoff: bool = True) -> BatchReport:
    """List the recipients if not done yet, claim one batch and send it."""
    if not is_sending(issue_id):
        return BatchReport()
    list_recipients(issue_id)
    ids = claim_batch(issue_id, timezone.now(), respect_backoff=respect_backoff)
    if not ids:
        return BatchReport()
    return send_claimed(ids, rendered_editions(issue_id))


def finish_if_done(issue_id: int) -> bool:
    """Mark the issue sent once no row waits or is being sent; True when it was now."""
    open_rows = IssueDelivery.objects.filter(
        issue_id=issue_id, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    )
    if open_rows.exists():
        return False
    finished = Issue.objects.filter(
        pk=issue_id, status=IssueStatus.SENDING, recipients_listed_at__isnull=False
    ).update(status=IssueStatus.SENT, sent_at=timezone.now())
    return bool(finished)


def next_wake_up(issue_id: int, now: datetime) -> datetime | None:
    """When rows that cannot be claimed now become claimable: the oldest claim going
    stale, or the earliest retry. None when nothing is left."""
    moments = IssueDelivery.objects.filter(issue_id=issue_id).aggregate(
        oldest_claim=Min("claimed_at", filter=Q(status=DeliveryStatus.SENDING)),
        next_retry=Min("next_attempt_at", filter=Q(status=DeliveryStatus.PENDING)),
    )
    candidates: list[datetime] = []
    if moments["oldest_claim"] is not None:
        candidates.append(moments["oldest_claim"] + stale_after())
    if moments["next_retry"] is not None:
        candidates.append(moments["next_retry"])
    if not candidates:
        return None
    return max(min(candidates), now + timedelta(seconds=1))
