"""Each digest is sent once, and each notification is in one digest only: reruns,
races, notifications taken away meanwhile, and SMTP failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tertulia.newsletters.digests import services
from tertulia.newsletters.digests.cadences import Cadence
from tertulia.newsletters.digests.contents import Digest
from tertulia.newsletters.digests.due import due_recipient_batches
from tertulia.newsletters.digests.mail import build_digest_mail
from tertulia.newsletters.digests.queries import build_digests
from tertulia.notifications.delivery import BACKOFF
from tertulia.notifications.mail import NotificationEmail
from tertulia.notifications.models import MailStatus, Notification, OutgoingMail
from tertulia.notifications.services import withdraw
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.digest_setup import make_reader, run_at, tell_reply, text_of

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db

SEVEN_IN_PARIS = datetime(2026, 3, 28, 6, tzinfo=UTC)
DURING = datetime(2026, 3, 27, 15, tzinfo=UTC)


def test_a_rerun_sends_nothing_twice(smtp_server: SMTPServer) -> None:
    member = make_reader()
    tell_reply(member, at=DURING)

    assert run_at(SEVEN_IN_PARIS)["sent"] == 1
    assert sum(run_at(SEVEN_IN_PARIS).values()) == 0
    assert sum(run_at(SEVEN_IN_PARIS + timedelta(hours=3)).values()) == 0

    assert len(smtp_server.received) == 1
    row = OutgoingMail.objects.get(recipient=member)
    assert row.status == MailStatus.SENT
    assert row.attempts == 1
    assert row.sent_at is not None


def test_notifications_are_marked_and_never_in_two_digests(smtp_server: SMTPServer) -> None:
    member = make_reader()
    first = tell_reply(member, subject="Before seven", at=DURING)
    later = tell_reply(member, subject="After seven", at=SEVEN_IN_PARIS + timedelta(minutes=30))

    run_at(SEVEN_IN_PARIS + timedelta(hours=1))  # a late run: 08:00 in Paris
    first.refresh_from_db()
    later.refresh_from_db()
    assert first.emailed_at is not None
    assert later.emailed_at is None  # after the period's end: tomorrow's digest

    run_at(SEVEN_IN_PARIS + timedelta(days=1))

    today, tomorrow = (text_of(mail.message) for mail in smtp_server.received)
    assert "Before seven" in today
    assert "After seven" not in today
    assert "After seven" in tomorrow
    assert "Before seven" not in tomorrow
    assert Notification.objects.filter(recipient=member, emailed_at__isnull=True).count() == 0


def test_two_runs_racing_for_the_same_digest_send_it_once(smtp_server: SMTPServer) -> None:
    member = make_reader()
    tell_reply(member, at=DURING)
    with time_machine.travel(SEVEN_IN_PARIS, tick=False):
        # Both runs read the digest before either claims it.
        (batch,) = due_recipient_batches(Cadence.DAILY, SEVEN_IN_PARIS)
        (mine,) = build_digests(batch, Cadence.DAILY, SEVEN_IN_PARIS)
        (theirs,) = build_digests(batch, Cadence.DAILY, SEVEN_IN_PARIS)
        connection = services._Connection()

        outcomes = [
            services.send_digest(mine, SEVEN_IN_PARIS, connection),
            services.send_digest(theirs, SEVEN_IN_PARIS, connection),
        ]
        connection.close()

    assert outcomes == ["sent", "already"]
    assert len(smtp_server.received) == 1


def test_a_notification_withdrawn_meanwhile_is_left_out(smtp_server: SMTPServer) -> None:
    member = make_reader()
    kept = tell_reply(member, subject="Kept reply", at=DURING)
    gone = tell_reply(member, subject="Deleted reply", at=DURING)
    with time_machine.travel(SEVEN_IN_PARIS, tick=False):
        (batch,) = due_recipient_batches(Cadence.DAILY, SEVEN_IN_PARIS)
        (digest,) = build_digests(batch, Cadence.DAILY, SEVEN_IN_PARIS)
        withdraw(gone.source)  # its post was deleted between reading and sending
        connection = services._Connection()
        outcome = services.send_digest(digest, SEVEN_IN_PARIS, connection)
        connection.close()

    assert outcome == "sent"
    text = text_of(smtp_server.received[0].message)
    assert "Kept reply" in text
    assert "Deleted reply" not in text
    kept.refresh_from_db()
    assert kept.emailed_at is not None


def test_a_digest_left_empty_meanwhile_is_not_sent(smtp_server: SMTPServer) -> None:
    member = make_reader()
    gone = tell_reply(member, at=DURING)
    with time_machine.travel(SEVEN_IN_PARIS, tick=False):
        (batch,) = due_recipient_batches(Cadence.DAILY, SEVEN_IN_PARIS)
        (digest,) = build_digests(batch, Cadence.DAILY, SEVEN_IN_PARIS)
        withdraw(gone.source)
        outcome = services.send_digest(digest, SEVEN_IN_PARIS, services._Connection())

    assert outcome == "empty"
    assert smtp_server.received == []
    assert not OutgoingMail.objects.exists()


def test_a_refused_mail_is_retried_the_same_day_with_its_notifications(
    smtp_server: SMTPServer,
) -> None:
    member = make_reader()
    notification = tell_reply(member, subject="Care work", at=DURING)
    smtp_server.refuse_next("451 4.3.0 Mailbox busy, try again later")

    assert run_at(SEVEN_IN_PARIS)["retry"] == 1

    row = OutgoingMail.objects.get(recipient=member)
    assert row.status == MailStatus.PENDING
    assert row.next_attempt_at == SEVEN_IN_PARIS + BACKOFF[0]
    assert "451" in row.last_error
    notification.refresh_from_db()
    assert notification.emailed_at is None  # not sent, so not marked
    assert smtp_server.received == []

    # Not before the backoff; at the next run after it, once.
    assert sum(run_at(SEVEN_IN_PARIS + timedelta(seconds=30)).values()) == 0
    assert run_at(SEVEN_IN_PARIS + timedelta(minutes=15))["sent"] == 1
    assert run_at(SEVEN_IN_PARIS + timedelta(minutes=30))["sent"] == 0

    (mail,) = smtp_server.received
    assert "Care work" in text_of(mail.message)
    row.refresh_from_db()
    assert (row.status, row.attempts) == (MailStatus.SENT, 2)
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_permanent_refusal_leaves_the_notifications_for_the_next_digest(
    smtp_server: SMTPServer,
) -> None:
    member = make_reader()
    tell_reply(member, subject="Care work", at=DURING)
    smtp_server.refuse_next("550 5.1.1 Mailbox unavailable")

    assert run_at(SEVEN_IN_PARIS)["failed"] == 1
    assert sum(run_at(SEVEN_IN_PARIS + timedelta(hours=2)).values()) == 0

    row = OutgoingMail.objects.get(recipient=member)
    assert row.status == MailStatus.FAILED
    assert smtp_server.received == []

    run_at(SEVEN_IN_PARIS + timedelta(days=1))

    (mail,) = smtp_server.received
    assert "Care work" in text_of(mail.message)


def test_one_members_broken_digest_does_not_stop_the_others(
    smtp_server: SMTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = make_reader()
    fine = make_reader()
    tell_reply(broken, at=DURING)
    tell_reply(fine, at=DURING)
    build = build_digest_mail

    def build_or_fail(digest: Digest) -> NotificationEmail:
        if digest.member.pk == broken.pk:
            raise ValueError("a template broke")
        return build(digest)

    monkeypatch.setattr(services, "build_digest_mail", build_or_fail)

    outcomes = run_at(SEVEN_IN_PARIS)

    assert (outcomes["error"], outcomes["sent"]) == (1, 1)
    assert [mail.recipients for mail in smtp_server.received] == [[fine.email]]
    assert not OutgoingMail.objects.filter(recipient=broken).exists()
    assert Notification.objects.get(recipient=broken).emailed_at is None
