"""Mail anyone can send: whatever it holds, it is answered at once and for good — never
a stall, never a failure that makes the MTA try again forever, never the site carrying a
stranger's words to someone else's mailbox."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Post, Thread
from tertulia.notifications.inbound import service
from tertulia.notifications.inbound.addresses import is_known_address
from tertulia.notifications.inbound.parsing import decode_text, parse_message, read_content
from tertulia.notifications.models import InboundMail, InboundReason, InboundStatus
from tests.factories import make_forum
from tests.mailserver import SMTPServer
from tests.notifications.mails import (
    DOMAIN,
    body_of,
    bounces,
    inbound_settings,
    load,
    only_bounce,
    pipe,
)

__all__ = ["inbound_settings"]
pytestmark = pytest.mark.django_db
# A regression guard, not a benchmark: the quadratic versions took minutes.
SECONDS = 2.0
STRANGER = "stranger@elsewhere.example"


@pytest.fixture
def forum(db: None) -> Forum:
    return make_forum(title="General discussion", slug="general")


def _new_thread(**headers: str) -> bytes:
    """new_thread.eml with some headers replaced (or added)."""
    raw = load("new_thread.eml")
    head, _blank, body = raw.partition(b"\n\n")
    lines = head.split(b"\n")
    for name, value in headers.items():
        header = name.replace("_", "-").encode()
        lines = [line for line in lines if not line.startswith(header + b":")]
        lines.insert(0, header + b": " + value.encode("utf-8", "surrogateescape"))
    return b"\n".join(lines) + b"\n\n" + body


def _with_body(raw: bytes, body: bytes) -> bytes:
    return raw.partition(b"\n\n")[0] + b"\n\n" + body


def _cleaned_in_time(raw: bytes) -> str:
    started = time.perf_counter()
    text = read_content(parse_message(raw)).text
    assert time.perf_counter() - started < SECONDS
    return text


# --- Time ------------------------------------------------------------------------------


def test_thousands_of_attribution_lines_are_cleaned_at_once() -> None:
    body = b"Here is my answer.\n\n" + b"On abcd wrote:\n" * 40_000
    assert len(body) > 600_000

    text = _cleaned_in_time(_with_body(load("new_thread.eml"), body))

    assert text.startswith("Here is my answer.")


def test_a_huge_flowed_paragraph_is_joined_at_once() -> None:
    body = b"flowing \n" * 270_000 + b"end\n"  # one paragraph, soft-wrapped
    assert len(body) > 2_400_000

    text = _cleaned_in_time(_with_body(load("new_thread.eml"), body))

    assert text == "flowing " * 270_000 + "end"


def test_a_strangers_mail_is_refused_without_its_text_being_read(
    smtp_server: SMTPServer,
    inbound_settings: Any,
    forum: Forum,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unread(*_args: object) -> None:
        raise AssertionError("the text of a stranger's mail was read")

    monkeypatch.setattr(service, "read_content", unread)

    assert pipe(load("new_thread.eml", sender=STRANGER), "--recipient=forum+general@" + DOMAIN) == 0
    assert pipe(load("new_thread.eml"), "--recipient=forum+nowhere@" + DOMAIN) == 0

    reasons = set(InboundMail.objects.values_list("reason", flat=True))
    assert reasons == {InboundReason.UNKNOWN_SENDER, InboundReason.UNKNOWN_ADDRESS}


# --- Charsets --------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["zlib", "rot13", "base64", "hex"])
def test_a_charset_that_is_no_text_encoding_is_read_as_utf8(charset: str) -> None:
    assert decode_text("Asamblea en Cádiz".encode(), charset) == "Asamblea en Cádiz"


def test_a_mail_in_charset_zlib_is_posted(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member, forum: Forum
) -> None:
    raw = _new_thread(Content_Type="text/plain; charset=zlib")

    assert pipe(raw, "--recipient=forum+general@" + DOMAIN) == 0

    thread = Thread.objects.get(forum=forum)
    assert "Which icebreakers work for you" in Post.objects.get(thread=thread).body


# --- Addresses -------------------------------------------------------------------------


def test_a_forum_address_with_a_superscript_digit_is_an_unknown_address(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member, forum: Forum
) -> None:
    address = f"forum+²@{DOMAIN}"

    assert is_known_address(address) is False
    assert pipe(_new_thread(To=address), f"--recipient={address}") == 0

    row = InboundMail.objects.get()
    assert (row.status, row.reason) == (InboundStatus.REFUSED, InboundReason.UNKNOWN_ADDRESS)
    assert not Thread.objects.exists()


def test_an_address_longer_than_smtp_allows_is_not_ours(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member, forum: Forum
) -> None:
    address = f"forum+{'a' * 300}@{DOMAIN}"

    assert is_known_address(address) is False
    assert pipe(_new_thread(To=address), f"--recipient={address}") == os.EX_NOUSER
    assert not InboundMail.objects.exists()
    assert smtp_server.received == []


def test_nul_characters_in_headers_and_text_are_dropped_not_fatal(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member, forum: Forum
) -> None:
    raw = _new_thread(
        Subject="Ice\x00breakers",
        Message_ID="<nul\x00id@example.org>",
    ).replace(b"Thanks!", b"Than\x00ks!")

    assert pipe(raw, "--recipient=forum+general@" + DOMAIN) == 0

    row = InboundMail.objects.get()
    assert row.status == InboundStatus.POSTED
    assert (row.subject, row.message_id) == ("Icebreakers", "<nulid@example.org>")
    thread = Thread.objects.get(forum=forum)
    assert thread.title == "Icebreakers"
    assert "Thanks!" in Post.objects.get(thread=thread).body


def test_a_from_address_holding_a_nul_is_unreadable(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member, forum: Forum
) -> None:
    raw = _new_thread(From="Nadège <nade\x00ge@example.org>")

    assert pipe(raw, "--recipient=forum+general@" + DOMAIN) == os.EX_DATAERR

    assert InboundMail.objects.get().reason == InboundReason.UNREADABLE
    assert not Thread.objects.exists()


def test_long_logged_fields_are_cut_to_their_columns(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member, forum: Forum
) -> None:
    stranger = f"{'s' * 250}@elsewhere.example"
    raw = _new_thread(From=stranger, Message_ID=f"<{'m' * 400}@example.org>")

    assert pipe(raw, "--recipient=forum+general@" + DOMAIN) == 0

    row = InboundMail.objects.get()
    assert row.reason == InboundReason.UNKNOWN_SENDER
    assert len(row.sender) == 254
    assert len(row.message_id) == 300


# --- Backscatter -----------------------------------------------------------------------


def test_a_stranger_gets_a_short_answer_that_repeats_nothing_of_the_mail(
    smtp_server: SMTPServer, inbound_settings: Any, forum: Forum
) -> None:
    raw = _new_thread(From=STRANGER, Subject="Buy cheap watches at example.biz")

    assert pipe(raw, "--recipient=forum+general@" + DOMAIN) == 0

    bounce = only_bounce(smtp_server)
    assert bounce["To"].addresses[0].addr_spec == STRANGER
    assert bounce["Subject"] == "Your message was not posted"
    text = body_of(bounce)
    assert f"No member uses the address {STRANGER}" in text
    assert "watches" not in text
    assert "icebreakers" not in text.lower()
    assert "Here is the text we read" not in text


def test_mail_to_an_unknown_forum_is_answered_without_its_text(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member, forum: Forum
) -> None:
    address = f"forum+nowhere@{DOMAIN}"
    raw = _new_thread(To=address, Subject="Buy cheap watches at example.biz")

    assert pipe(raw, f"--recipient={address}") == 0

    (bounce,) = bounces(smtp_server)
    text = body_of(bounce.message)
    assert f"Nothing here receives mail at {address}" in text
    assert "Hello Nadège Mamas MAVOUNGOU," in text
    assert "watches" not in str(bounce.message["Subject"]) + text
    assert "icebreakers" not in text.lower()
