"""Real messages as mail clients send them, and ways to deliver them in tests.

The .eml files are addressed to `reply+TOKEN@reply.example.org` and sent by
nadege@example.org (the `member` fixture); `load()` puts a real reply address (and,
when asked, another sender) in their place. `pipe()` delivers like an MTA's pipe to
`tertulia mail-receive`; `InboundServer` runs `tertulia mail-server` in a thread.
"""

from __future__ import annotations

import io
import smtplib
import socket
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tertulia.accounts.models import Member
from tertulia.notifications.inbound.addresses import reply_address
from tertulia.notifications.management.commands.mail_server import Command as MailServer
from tests.mailserver import ReceivedMail, SMTPServer

FOLDER = Path(__file__).parent
DOMAIN = "reply.example.org"
PLACEHOLDER = b"reply+TOKEN@reply.example.org"
FIXTURE_SENDER = b"nadege@example.org"


@pytest.fixture
def inbound_settings(settings: Any) -> Any:
    settings.REPLY_DOMAIN = DOMAIN
    settings.INBOUND_MAX_BYTES = 10 * 1024 * 1024
    settings.INBOUND_MAX_RECIPIENTS = 50
    return settings


def address_for(member: Member, group: str) -> str:
    address = reply_address(member.pk, group)
    assert address, f"no reply address for {group}"
    return address


def load(name: str, *, to: str = "", sender: str = "") -> bytes:
    raw = (FOLDER / name).read_bytes()
    if to:
        raw = raw.replace(PLACEHOLDER, to.encode())
    if sender:
        raw = raw.replace(FIXTURE_SENDER, sender.encode())
    return raw


def pipe(raw: bytes, *args: str) -> int:
    """Deliver as an MTA's pipe would; the command's exit code."""
    try:
        call_command("mail_receive", *args, stdin=io.BytesIO(raw), stdout=io.StringIO())
    except CommandError as error:
        return error.returncode
    return 0


def bounces(server: SMTPServer) -> list[ReceivedMail]:
    """What our refusals sent (notification mail about new posts left out)."""
    return [mail for mail in server.received if mail.message["Auto-Submitted"] == "auto-replied"]


def only_bounce(server: SMTPServer) -> EmailMessage:
    found = bounces(server)
    assert len(found) == 1, [mail.message["Subject"] for mail in found]
    return found[0].message


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def crlf(raw: bytes) -> bytes:
    """Lines end in CRLF on the wire (smtplib leaves bytes as they are)."""
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


@dataclass
class InboundServer:
    smtp_port: int
    lmtp_port: int

    def smtp(self) -> smtplib.SMTP:
        return smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=60)

    def send(self, raw: bytes, sender: str, recipients: Sequence[str]) -> dict[str, Any]:
        with self.smtp() as client:
            return client.sendmail(sender, list(recipients), crlf(raw))

    def lmtp(self, raw: bytes, sender: str, recipients: Sequence[str]) -> list[tuple[int, str]]:
        """One reply per recipient after DATA, as LMTP gives them (RFC 2033)."""
        client = smtplib.LMTP("127.0.0.1", self.lmtp_port, timeout=60)
        try:
            client.ehlo()  # smtplib's LMTP sends LHLO
            client.mail(sender)
            accepted = [address for address in recipients if client.rcpt(address)[0] == 250]
            code, text = client.data(crlf(raw))
            replies = [(code, text.decode())]
            for _more in accepted[1:]:
                more_code, more_text = client.getreply()
                replies.append((more_code, more_text.decode()))
            client.quit()
        finally:
            client.close()
        return replies


@pytest.fixture
def inbound_server(inbound_settings: Any) -> Iterator[InboundServer]:
    """`tertulia mail-server` on two free ports of 127.0.0.1 (SMTP and LMTP)."""
    command = MailServer()
    ports = InboundServer(smtp_port=free_port(), lmtp_port=free_port())
    errors: list[BaseException] = []

    def run() -> None:
        try:
            call_command(
                command,
                "--host=127.0.0.1",
                f"--port={ports.smtp_port}",
                f"--lmtp-port={ports.lmtp_port}",
                stdout=io.StringIO(),
            )
        except BaseException as error:
            errors.append(error)
            command.ready.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert command.ready.wait(20), "the mail server did not start"
    assert not errors, errors
    try:
        yield ports
    finally:
        command.stop.set()
        thread.join(20)
