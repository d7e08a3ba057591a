"""A notification's mail as it arrives at a real SMTP server."""

from __future__ import annotations

from collections.abc import Callable
from email.headerregistry import Address
from typing import Any

import pytest

from tertulia.accounts.models import Member
from tertulia.notifications.models import Kind
from tertulia.notifications.services import notify
from tests.factories import make_member
from tests.mailserver import SMTPServer

pytestmark = pytest.mark.django_db


def _reply(recipient: Member, actor: Member, commit: Callable[[], Any]) -> int:
    with commit():
        notification = notify(
            recipient,
            Kind.REPLY,
            actor=actor,
            url="/forums/t/12/#post-40",
            params={"subject": "Care work and budgets"},
            snippet="We tried gender budgeting in Kinshasa last year.",
            group="thread:12",
            scope="forum:3",
        )
    assert notification is not None
    return notification.pk


def test_reply_mail_has_both_parts_and_the_name_whole(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    _reply(member, staff, commit)

    assert len(smtp_server.received) == 1
    received = smtp_server.received[0]
    assert received.recipients == ["nadege@example.org"]
    message = received.message
    assert message["Subject"] == "[Tertulia] 栄祥 林 replied in “Care work and budgets”"
    to = message["To"].addresses
    assert to == (Address(display_name="Nadège Mamas MAVOUNGOU", addr_spec="nadege@example.org"),)
    sender = message["From"].addresses[0]
    assert sender.display_name == "栄祥 林 via Tertulia"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    assert "We tried gender budgeting in Kinshasa" in text.get_content()
    assert "http://127.0.0.1:8000/forums/t/12/#post-40" in text.get_content()
    assert '<a href="http://127.0.0.1:8000/forums/t/12/#post-40">' in html.get_content()


def test_headers_are_encoded_not_raw_utf8(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    _reply(member, staff, commit)

    raw = smtp_server.received[0].message.as_bytes()
    headers = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
    assert all(byte < 128 for byte in headers)  # RFC 2047 words, no 8-bit headers
    assert b"=?utf-8?" in headers.lower()


def test_threading_and_unsubscribe_headers(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    first = _reply(member, staff, commit)
    second = _reply(member, staff, commit)

    one, two = (mail.message for mail in smtp_server.received)
    assert one["Message-ID"].startswith(f"<notification-{first}.")
    assert one["Message-ID"].endswith("@127.0.0.1>")
    assert two["Message-ID"].startswith(f"<notification-{second}.")
    assert one["In-Reply-To"] == two["In-Reply-To"] == "<group-thread-12@127.0.0.1>"
    assert one["References"] == "<group-thread-12@127.0.0.1>"
    assert one["Auto-Submitted"] == "auto-generated"
    assert one["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Long header lines are folded after the colon (valid RFC 5322 folding white space).
    link = one["List-Unsubscribe"].strip()
    assert link.startswith("<http://127.0.0.1:8000/notifications/unsubscribe/")
    assert link.endswith("/>")


def test_mail_is_in_the_recipients_language(
    smtp_server: SMTPServer, commit: Callable[[], Any], staff: Member
) -> None:
    reader = make_member(
        display_name="Ruya Leghari", interface_language="fr", time_zone="America/Santo_Domingo"
    )
    with commit():
        notify(reader, Kind.MENTION, actor=staff, url="/x/", params={"subject": "Soins"})

    message = smtp_server.received[0].message
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    assert '<html lang="fr">' in html.get_content()  # rendered under the member's language


def test_a_member_with_a_comma_in_the_name_gets_one_address(
    smtp_server: SMTPServer, commit: Callable[[], Any], staff: Member
) -> None:
    reader = make_member(display_name="Leghari, Ruya", email="ruya@example.org")
    with commit():
        notify(reader, Kind.MENTION, actor=staff, url="/x/", params={"subject": "Soins"})

    received = smtp_server.received[0]
    assert received.recipients == ["ruya@example.org"]
    assert received.message["To"].addresses[0].display_name == "Leghari, Ruya"
