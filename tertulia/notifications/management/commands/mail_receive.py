"""`tertulia mail-receive`: one message on standard input, from an MTA's pipe transport.

Exit codes follow sysexits.h, which MTAs act on:
- 0: done — posted, already received, ignored (automatic mail), or refused with our own
  bounce to the sender (so the MTA must not bounce it again);
- 67 EX_NOUSER: none of the recipients is one of our addresses;
- 65 EX_DATAERR: the message has no From address to answer;
- 75 EX_TEMPFAIL: something failed on our side (database, SMTP relay); try again later;
- 78 EX_CONFIG: REPLY_DOMAIN is not set.
What went wrong is written to standard error, which MTAs quote in their bounce.

A message larger than INBOUND_MAX_BYTES is read through without being kept (only its
first bytes, for the headers), then refused with a bounce.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tertulia.notifications.inbound.addresses import inbound_domain
from tertulia.notifications.inbound.service import (
    Receipt,
    max_bytes,
    receive_mail,
    refuse_oversized,
)

logger = logging.getLogger(__name__)
CHUNK_BYTES = 64 * 1024
# Kept of an oversized message: enough for any real header block.
HEAD_BYTES = 256 * 1024


def read_limited(stream: IO[bytes], limit: int) -> tuple[bytes, int]:
    """The whole stream when it is at most `limit` bytes, else only its head; and its size.

    Everything is read, so that the MTA writing to the pipe sees it consumed."""
    kept = bytearray()
    size = 0
    while chunk := stream.read(CHUNK_BYTES):
        size += len(chunk)
        if size <= limit:
            kept += chunk
        elif len(kept) < HEAD_BYTES:
            kept += chunk[: HEAD_BYTES - len(kept)]
        else:
            del kept[HEAD_BYTES:]
    return bytes(kept), size


class Command(BaseCommand):
    help = (
        "Post one mail read from standard input (an RFC 5322 message, as an MTA's pipe "
        "delivers it): a reply to a notification, or a new thread sent to a forum's address."
    )
    # Tests hand the message in as call_command(..., stdin=stream).
    stealth_options = ("stdin",)
    # The MTA starts this once per message: skip the system checks' start-up cost.
    requires_system_checks: list[str] = []  # Django's own attribute

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--recipient",
            action="append",
            dest="recipients",
            default=[],
            help=(
                "An envelope recipient (repeatable), e.g. Postfix's ${original_recipient}. "
                "Default: $ORIGINAL_RECIPIENT or $RECIPIENT, else the message's "
                "Delivered-To, X-Original-To, To and Cc."
            ),
        )
        parser.add_argument(
            "--sender",
            default=None,
            help="The envelope sender (Postfix's ${sender}; empty for bounces). Default: $SENDER.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not inbound_domain():
            raise CommandError(
                "REPLY_DOMAIN is not set, so no mail is accepted.", returncode=os.EX_CONFIG
            )
        stream: IO[bytes] = options.get("stdin") or sys.stdin.buffer
        recipients = (
            options["recipients"]
            or [
                address
                for address in (os.environ.get("ORIGINAL_RECIPIENT"), os.environ.get("RECIPIENT"))
                if address
            ][:1]
        )
        sender = options["sender"] if options["sender"] is not None else os.environ.get("SENDER")
        try:
            data, size = read_limited(stream, max_bytes())
            if size > max_bytes():
                receipt = refuse_oversized(
                    data, size, recipients=recipients, envelope_sender=sender
                )
            else:
                receipt = receive_mail(data, recipients=recipients, envelope_sender=sender)
        except Exception as error:
            logger.exception("Inbound mail could not be processed")
            raise CommandError(
                f"Temporary failure, try again later: {type(error).__name__}",
                returncode=os.EX_TEMPFAIL,
            ) from error
        self._report(receipt, recipients)

    def _report(self, receipt: Receipt, recipients: list[str]) -> None:
        if not receipt.has_recipient:
            named = ", ".join(recipients) or "the message's recipients"
            raise CommandError(f"No such address here: {named}", returncode=os.EX_NOUSER)
        if receipt.is_unreadable:
            raise CommandError(
                "The message has no readable From address.", returncode=os.EX_DATAERR
            )
        for outcome in receipt.outcomes:
            line = f"{outcome.address}: {outcome.status}"
            if outcome.reason and outcome.reason != outcome.status:
                line += f" ({outcome.reason})"
            self.stdout.write(line + (f" {outcome.url}" if outcome.url else ""))
