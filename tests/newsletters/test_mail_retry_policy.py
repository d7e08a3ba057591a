"""The newsletter and the digests retry failed mail as notifications do."""

from __future__ import annotations

import smtplib

from tertulia.newsletters import delivery as newsletter_delivery
from tertulia.newsletters.digests import services as digest_services
from tertulia.notifications import delivery as notification_delivery


def test_the_newsletter_retries_like_a_notification() -> None:
    assert newsletter_delivery.backoff is notification_delivery.backoff
    assert newsletter_delivery.MAX_ATTEMPTS == notification_delivery.MAX_ATTEMPTS
    assert newsletter_delivery.is_permanent_failure is notification_delivery.is_permanent_failure


def test_a_digest_gives_up_on_a_5xx_reply_or_an_error_no_server_sent() -> None:
    refused = smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")})
    busy = smtplib.SMTPRecipientsRefused({"a@example.org": (451, b"try later")})

    assert digest_services.is_permanent_failure is notification_delivery.is_permanent_failure
    assert digest_services._is_permanent(refused)
    assert digest_services._is_permanent(smtplib.SMTPDataError(554, b"rejected"))
    assert digest_services._is_permanent(ValueError("bad address"))
    assert not digest_services._is_permanent(busy)
    assert not digest_services._is_permanent(smtplib.SMTPServerDisconnected("gone"))
    assert not digest_services._is_permanent(ConnectionResetError())
