"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, collecting what it accepts.

Use the `smtp_server` fixture (tests/notifications/conftest.py registers it; another app
can import `smtp_server` and `smtp_settings` from here into its conftest). Django sends
through its real SMTP backend; tests parse what arrived with the `email` package.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass
class ReceivedMail:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class CollectingHandler:
    received: list[ReceivedMail] = field(default_factory=list)
    # Replies to give DATA before accepting, e.g. ["451 4.3.0 Try again later"].
    refusals: list[str] = field(default_factory=list)
    attempts: int = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802  # aiosmtpd's hook name
        self.attempts += 1
        if self.refusals:
            return self.refusals.pop(0)
        content = envelope.original_content or b""
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(
            ReceivedMail(
                sender=str(envelope.mail_from),
                recipients=[str(rcpt) for rcpt in envelope.rcpt_tos],
                message=parsed,
            )
        )
        return "250 Message accepted for delivery"


@dataclass
class SMTPServer:
    handler: CollectingHandler
    port: int

    @property
    def received(self) -> list[ReceivedMail]:
        return self.handler.received

    def refuse_next(self, *replies: str) -> None:
        self.handler.refusals.extend(replies)

    def reset(self) -> None:
        self.handler.received.clear()
        self.handler.refusals.clear()
        self.handler.attempts = 0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def _smtp_controller() -> Iterator[SMTPServer]:
    handler = CollectingHandler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SMTPServer(handler=handler, port=port)
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(_smtp_controller: SMTPServer, settings: Any) -> Iterator[SMTPServer]:
    """Mail sent during the test goes over SMTP to a local aiosmtpd server."""
    # pytest-django switches to the locmem backend; this test wants the real thing.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _smtp_controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    _smtp_controller.reset()
    yield _smtp_controller
    _smtp_controller.reset()
