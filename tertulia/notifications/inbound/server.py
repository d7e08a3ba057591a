"""SMTP and LMTP listeners (aiosmtpd) in front of `service.receive_mail()`.

- RCPT TO: addresses that are not ours, forged reply tokens and unknown forums are
  refused there and then (550), so the sending MTA bounces and we never read the data;
  past INBOUND_MAX_RECIPIENTS, further recipients get 452 (RFC 5321 §4.5.3.1.10).
- DATA: a message over INBOUND_MAX_BYTES is refused with 552 and a sentence saying the
  limit; aiosmtpd stops keeping the data once past the limit, so memory stays bounded.
- After DATA: a message we posted, refused (and bounced ourselves, in the member's
  language), or ignored (robots) is accepted with 250, so the MTA does not bounce a
  second time; a failure on our side answers 451 and the MTA tries again later. LMTP
  answers once per recipient (RFC 2033).

The database work runs in a worker thread (Django's ORM is synchronous); connections
are closed after each use, as a management command's would be.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.db import connections

from tertulia.notifications.inbound.addresses import inbound_domain, is_known_address
from tertulia.notifications.inbound.service import (
    DUPLICATE,
    Receipt,
    max_bytes,
    max_recipients,
    receive_mail,
)
from tertulia.notifications.models import InboundReason, InboundStatus

logger = logging.getLogger(__name__)
Result = TypeVar("Result")

# What aiosmtpd answers on its own when a message is over data_size_limit.
_SIZE_REFUSALS = ("552 Error: Too much mail data", "552 Error: message size exceeds")
TEMPORARY_FAILURE = "451 4.3.0 The message could not be processed now; try again later"


def too_large_reply() -> str:
    return (
        f"552 5.3.4 Message too big: this server accepts mail of at most "
        f"{max_bytes() / 1_048_576:g} MB"
    )


def _with_fresh_connection(function: Callable[..., Result], *args: Any) -> Result:
    try:
        return function(*args)
    finally:
        connections.close_all()


class InboundSMTP(SMTP):
    async def push(self, status: Any) -> None:
        if isinstance(status, str) and status.startswith(_SIZE_REFUSALS):
            status = too_large_reply()
            if isinstance(self, LMTP) and self.envelope is not None and self.envelope.rcpt_tos:
                # LMTP owes one reply per accepted recipient after DATA.
                for _recipient in self.envelope.rcpt_tos[1:]:
                    await super().push(status)
        await super().push(status)


class InboundLMTP(InboundSMTP, LMTP):
    pass


def _reply_for(outcome_status: str, reason: str) -> str:
    if reason == InboundReason.UNREADABLE:
        return "550 5.6.0 The message has no readable From address to answer"
    if outcome_status == InboundStatus.POSTED:
        return "250 2.0.0 Posted"
    if outcome_status == InboundStatus.REFUSED:
        return "250 2.0.0 Not posted; the sender has been told why"
    if outcome_status == DUPLICATE:
        return "250 2.0.0 Already received"
    return "250 2.0.0 Accepted, not posted: automatic mail"


def _replies(receipt: Receipt, recipients: list[str]) -> list[str]:
    by_address = {outcome.address: outcome for outcome in receipt.outcomes}
    replies = []
    for address in recipients:
        outcome = by_address.get(address.strip("<>").lower())
        replies.append(
            _reply_for(outcome.status, outcome.reason)
            if outcome is not None
            else "550 5.1.1 No such address here"
        )
    return replies


class InboundHandler:
    async def handle_RCPT(  # noqa: N802  # aiosmtpd's hook name
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if len(envelope.rcpt_tos) >= max_recipients():
            return "452 4.5.3 Too many recipients"
        known = await sync_to_async(_with_fresh_connection)(is_known_address, address)
        if not known:
            return f"550 5.1.1 <{address}>: no such address here"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(  # noqa: N802  # aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        recipients = [str(address) for address in envelope.rcpt_tos]
        raw = envelope.original_content or b""
        try:
            receipt = await sync_to_async(_with_fresh_connection)(
                _receive, raw, recipients, envelope.mail_from
            )
        except Exception:
            logger.exception("Inbound mail from %s could not be processed", envelope.mail_from)
            replies = [TEMPORARY_FAILURE] * len(recipients)
        else:
            replies = _replies(receipt, recipients)
        if isinstance(server, LMTP):
            return "\r\n".join(replies)
        return _one_reply(replies)


def _receive(raw: bytes, recipients: list[str], mail_from: str | None) -> Receipt:
    return receive_mail(raw, recipients=recipients, envelope_sender=mail_from or "")


def _one_reply(replies: list[str]) -> str:
    """SMTP has one reply for all recipients: a failure for one fails the message (the
    MTA resends; recipients already done find their log row and are skipped)."""
    for first_digit in ("4", "5"):
        failed = [reply for reply in replies if reply.startswith(first_digit)]
        if failed:
            return failed[0]
    return replies[0] if len(set(replies)) == 1 else "250 2.0.0 Received"


class InboundController(Controller):
    def __init__(self, *, host: str, port: int, lmtp: bool = False) -> None:
        super().__init__(
            InboundHandler(),
            hostname=host,
            port=port,
            server_hostname=inbound_domain() or None,
            data_size_limit=max_bytes(),
            enable_SMTPUTF8=True,
        )
        self.protocol = InboundLMTP if lmtp else InboundSMTP

    def factory(self) -> SMTP:
        return self.protocol(self.handler, **self.SMTP_kwargs)
