"""Sending a notification's mail: once, even when the task runs twice; retried on failure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.notifications import delivery, tasks
from tertulia.notifications.delivery import Outcome
from tertulia.notifications.models import Kind, MailStatus, Notification, OutgoingMail
from tertulia.notifications.services import notify
from tests.mailserver import SMTPServer

pytestmark = pytest.mark.django_db


def _mention(member: Member, actor: Member) -> Notification:
    # Outside `commit()`: the row exists, its mail task was not run.
    notification = notify(member, Kind.MENTION, actor=actor, url="/t/1/", params={"subject": "S"})
    assert notification is not None
    return notification


def test_a_task_run_twice_sends_once(
    smtp_server: SMTPServer, member: Member, staff: Member
) -> None:
    notification = _mention(member, staff)

    tasks.send_notification_mail.call(notification.pk)
    tasks.send_notification_mail.call(notification.pk)

    assert len(smtp_server.received) == 1
    row = OutgoingMail.objects.get(notification=notification)
    assert row.status == MailStatus.SENT
    assert row.attempts == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_claimed_mail_is_not_sent_by_a_second_worker(
    smtp_server: SMTPServer, member: Member, staff: Member
) -> None:
    notification = _mention(member, staff)
    OutgoingMail.objects.create(
        idempotency_key=delivery.idempotency_key(notification.pk),
        notification=notification,
        recipient=member,
        status=MailStatus.SENDING,  # another worker is talking to SMTP right now
    )
    assert delivery.deliver_notification(notification.pk) == Outcome.ALREADY
    assert smtp_server.received == []


def test_a_temporary_refusal_is_retried_inline(
    smtp_server: SMTPServer, member: Member, staff: Member
) -> None:
    notification = _mention(member, staff)
    smtp_server.refuse_next("451 4.3.0 Mailbox busy, try again later")

    outcome = tasks.send_notification_mail.call(notification.pk)

    assert outcome == Outcome.SENT
    assert smtp_server.handler.attempts == 2
    assert len(smtp_server.received) == 1
    row = OutgoingMail.objects.get(notification=notification)
    assert row.attempts == 2
    assert row.status == MailStatus.SENT


def test_with_a_deferring_backend_a_refusal_is_requeued_with_backoff(
    smtp_server: SMTPServer, deferring_tasks: None, member: Member, staff: Member
) -> None:
    notification = _mention(member, staff)
    smtp_server.refuse_next("451 4.3.0 Mailbox busy, try again later")
    before = timezone.now()

    outcome = tasks.send_notification_mail.call(notification.pk)

    assert outcome == Outcome.RETRY
    row = OutgoingMail.objects.get(notification=notification)
    assert row.status == MailStatus.PENDING
    assert row.next_attempt_at is not None
    assert row.next_attempt_at >= before + delivery.BACKOFF[0]
    assert "451" in row.last_error
    backend = tasks.send_notification_mail.get_backend()
    queued = backend.results  # type: ignore[attr-defined]  # DummyBackend keeps them
    assert [result.task.run_after for result in queued] == [row.next_attempt_at]
    # Not due yet: a run now does nothing; at the backoff it sends.
    assert delivery.deliver_notification(notification.pk) == Outcome.ALREADY
    assert delivery.deliver_notification(notification.pk, now=row.next_attempt_at) == Outcome.SENT
    assert len(smtp_server.received) == 1


def test_retries_are_bounded(smtp_server: SMTPServer, member: Member, staff: Member) -> None:
    notification = _mention(member, staff)
    smtp_server.refuse_next(*["451 4.3.0 Try later"] * (delivery.MAX_ATTEMPTS + 2))

    outcome = tasks.send_notification_mail.call(notification.pk)

    assert outcome == Outcome.FAILED
    assert smtp_server.handler.attempts == delivery.MAX_ATTEMPTS
    assert OutgoingMail.objects.get(notification=notification).status == MailStatus.FAILED


def test_a_permanent_refusal_is_not_retried(
    smtp_server: SMTPServer, member: Member, staff: Member
) -> None:
    notification = _mention(member, staff)
    smtp_server.refuse_next("554 5.7.1 Rejected")

    assert tasks.send_notification_mail.call(notification.pk) == Outcome.FAILED
    assert smtp_server.handler.attempts == 1


def test_the_mail_is_queued_after_commit(
    deferring_tasks: None, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    with commit():
        notification = _mention(member, staff)
        backend = tasks.send_notification_mail.get_backend()
        assert backend.results == []  # type: ignore[attr-defined]  # nothing before commit
    queued = backend.results  # type: ignore[attr-defined]
    assert [result.args for result in queued] == [[notification.pk]]
