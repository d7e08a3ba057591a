"""Mail that must not be posted: refused with a bounce that says why, in the sender's
language, or, for robots' mail, dropped without a word (no mail loops)."""

from __future__ import annotations

import io
import os
import tracemalloc
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Post, Thread
from tertulia.messaging.models import Message
from tertulia.messaging.services.blocks import block_member
from tertulia.messaging.services.conversations import start_conversation
from tertulia.notifications.models import InboundMail, InboundReason, InboundStatus
from tertulia.notifications.tokens import make_reply_token
from tests.factories import make_forum, make_member, make_thread
from tests.mailserver import SMTPServer
from tests.notifications.mails import (
    DOMAIN,
    address_for,
    body_of,
    bounces,
    inbound_settings,
    load,
    only_bounce,
    pipe,
)

__all__ = ["inbound_settings"]
pytestmark = pytest.mark.django_db
THUNDERBIRD_ID = "<8d5c2a7e-1f4b-4c5e-9a0b-3e1f2d4c5b6a@example.org>"


@pytest.fixture
def forum(db: None) -> Forum:
    return make_forum(title="General discussion", slug="general")


@pytest.fixture
def wanjiru(db: None) -> Member:
    return make_member(display_name="Wanjiru Kamau Otieno", email="wanjiru@example.org")


@pytest.fixture
def thread(forum: Forum, wanjiru: Member) -> Thread:
    return make_thread(forum=forum, author=wanjiru, title="How do you open a workshop?")


@pytest.fixture
def to_thread(inbound_settings: Any, member: Member, thread: Thread) -> str:
    return address_for(member, f"thread:{thread.pk}")


def _reply(to: str, **changes: str) -> bytes:
    raw = load("thunderbird_reply.eml", to=to)
    for name, value in changes.items():
        header = name.replace("_", "-").encode()
        lines = [line for line in raw.split(b"\n") if not line.startswith(header + b":")]
        raw = b"\n".join([header + b": " + value.encode(), *lines])
    return raw


def _nothing_posted(thread: Thread) -> None:
    assert Post.objects.filter(thread=thread).count() == 1


def _refused(reason: str) -> InboundMail:
    row = InboundMail.objects.get()
    assert (row.status, row.reason) == (InboundStatus.REFUSED, reason)
    return row


# --- The address -------------------------------------------------------------------------


def test_a_forged_reply_address_is_bounced(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    token = to_thread.removeprefix("reply+").split("@")[0]
    forged = f"reply+{token[:-3]}{'aaa' if token[-3:] != 'aaa' else 'bbb'}@{DOMAIN}"

    assert pipe(_reply(forged), f"--recipient={forged}") == 0

    _nothing_posted(thread)
    bounce = only_bounce(smtp_server)
    assert bounce["To"].addresses[0].addr_spec == "nadege@example.org"
    assert bounce["Subject"].startswith("Not posted: Re: [Tertulia]")
    assert bounce["Auto-Submitted"] == "auto-replied"
    assert bounce["In-Reply-To"] == THUNDERBIRD_ID
    assert "This reply address is not one we gave out" in body_of(bounce)
    _refused(InboundReason.INVALID_TOKEN)


def test_an_expired_reply_address_is_bounced_with_its_age(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member, thread: Thread
) -> None:
    old = timezone.now().date() - timedelta(days=200)
    address = f"reply+{make_reply_token(member.pk, 'thread', thread.pk, today=old)}@{DOMAIN}"

    assert pipe(_reply(address), f"--recipient={address}") == 0

    _nothing_posted(thread)
    text = body_of(only_bounce(smtp_server))
    assert "more than 180 days old" in text
    assert "> In Brazzaville we begin" in text  # what they wrote comes back to them
    assert _refused(InboundReason.EXPIRED_TOKEN).member == member


def test_a_reply_address_used_from_someone_elses_mailbox_is_bounced(
    smtp_server: SMTPServer, to_thread: str, thread: Thread, wanjiru: Member
) -> None:
    raw = load("thunderbird_reply.eml", to=to_thread, sender="wanjiru@example.org")

    assert pipe(raw, f"--recipient={to_thread}") == 0

    _nothing_posted(thread)
    bounce = only_bounce(smtp_server)
    assert bounce["To"].addresses[0].addr_spec == "wanjiru@example.org"
    assert "Hello Wanjiru Kamau Otieno," in body_of(bounce)
    assert "accepts mail only from the address the mail was sent to" in body_of(bounce)
    _refused(InboundReason.WRONG_SENDER)


def test_a_forum_address_refuses_a_sender_who_is_not_a_member(
    smtp_server: SMTPServer, inbound_settings: Any, forum: Forum
) -> None:
    raw = load("new_thread.eml", sender="stranger@elsewhere.example")

    assert pipe(raw, "--recipient=forum+general@reply.example.org") == 0

    assert not Thread.objects.filter(forum=forum).exists()
    bounce = only_bounce(smtp_server)
    assert bounce["To"].addresses[0].addr_spec == "stranger@elsewhere.example"
    assert "No member uses the address stranger@elsewhere.example" in body_of(bounce)


def test_an_unknown_forum_address_is_bounced(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member, forum: Forum
) -> None:
    raw = load("new_thread.eml").replace(b"forum+general@", b"forum+no-such-forum@")

    assert pipe(raw) == 0

    assert "Nothing here receives mail at forum+no-such-forum@reply.example.org" in body_of(
        only_bounce(smtp_server)
    )


def test_mail_for_no_address_of_ours_is_left_to_the_mta(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member
) -> None:
    raw = _reply("someone@reply.example.org")

    assert pipe(raw, "--recipient=someone@reply.example.org") == os.EX_NOUSER
    assert pipe(_reply("reply+abc@other.example")) == os.EX_NOUSER
    assert smtp_server.received == []


def test_without_a_reply_domain_nothing_is_accepted(
    smtp_server: SMTPServer, settings: Any, member: Member
) -> None:
    settings.REPLY_DOMAIN = ""

    assert pipe(_reply("reply+abc@reply.example.org")) == os.EX_CONFIG


# --- Robots --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"Auto_Submitted": "auto-replied"},
        {"Auto_Submitted": "auto-generated; owner-email=it@example.org"},
        {"X_Autoreply": "yes"},
        {"Precedence": "bulk"},
        {"Precedence": "auto_reply"},
        {"Precedence": "list"},
        {"Subject": "Out of Office: Re: [Tertulia] Wanjiru replied"},
        {"Subject": "Réponse automatique : absent jusqu'au 17 novembre"},
        {"Subject": "Respuesta automática: Re: [Tertulia] Wanjiru replied"},
        {"From": "MAILER-DAEMON@mx.example.org"},
        {"Content_Type": "multipart/report; report-type=delivery-status; boundary=x"},
    ],
    ids=lambda changes: "-".join(f"{k}={v[:24]}" for k, v in changes.items()),
)
def test_automatic_mail_is_dropped_without_a_bounce(
    smtp_server: SMTPServer, to_thread: str, thread: Thread, changes: dict[str, str]
) -> None:
    assert pipe(_reply(to_thread, **changes), f"--recipient={to_thread}") == 0

    _nothing_posted(thread)
    assert smtp_server.received == []
    row = InboundMail.objects.get()
    assert (row.status, row.reason) == (InboundStatus.IGNORED, InboundReason.AUTO_REPLY)


def test_an_outlook_out_of_office_reply_is_dropped_without_a_bounce(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    assert pipe(load("out_of_office.eml", to=to_thread)) == 0

    _nothing_posted(thread)
    assert smtp_server.received == []


def test_a_delivery_report_with_an_empty_envelope_sender_is_dropped(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    assert pipe(_reply(to_thread), f"--recipient={to_thread}", "--sender=") == 0
    again = _reply(to_thread, Message_ID="<report-2@mx.example.org>")
    assert pipe(again, f"--recipient={to_thread}", "--sender=MAILER-DAEMON") == 0

    _nothing_posted(thread)
    assert smtp_server.received == []


def test_auto_submitted_no_is_a_person_writing(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    assert pipe(_reply(to_thread, Auto_Submitted="no"), f"--recipient={to_thread}") == 0

    assert Post.objects.filter(thread=thread).count() == 2


def test_a_message_without_a_from_address_goes_back_to_the_mta(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    raw = b"\n".join(
        line for line in _reply(to_thread).split(b"\n") if not line.startswith(b"From:")
    )

    assert pipe(raw, f"--recipient={to_thread}") == os.EX_DATAERR
    _nothing_posted(thread)
    assert smtp_server.received == []


# --- What the forums and messaging refuse ----------------------------------------------------


def test_a_reply_to_a_locked_thread_is_bounced_with_the_forums_reason_in_french(
    smtp_server: SMTPServer, to_thread: str, member: Member, thread: Thread
) -> None:
    member.interface_language = "fr"
    member.save()
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    assert pipe(_reply(to_thread), f"--recipient={to_thread}") == 0

    _nothing_posted(thread)
    french = "Ce fil est verrouillé\u00a0: pas de nouvelle réponse."
    assert french in body_of(only_bounce(smtp_server))
    assert _refused(InboundReason.NOT_ALLOWED).detail == french


def test_a_reply_to_a_deleted_thread_is_bounced(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)

    assert pipe(_reply(to_thread), f"--recipient={to_thread}") == 0

    _nothing_posted(thread)
    assert "This thread is not open to you." in body_of(only_bounce(smtp_server))


def test_a_reply_to_a_thread_erased_since_is_bounced(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    thread.delete()

    assert pipe(_reply(to_thread), f"--recipient={to_thread}") == 0

    assert "This thread no longer exists." in body_of(only_bounce(smtp_server))


def test_a_dialogue_forum_past_its_window_refuses_replies_and_new_threads(
    smtp_server: SMTPServer, to_thread: str, member: Member, forum: Forum, thread: Thread
) -> None:
    now = timezone.now()
    Forum.objects.filter(pk=forum.pk).update(
        opens_at=now - timedelta(days=21), closes_at=now - timedelta(days=1)
    )

    assert pipe(_reply(to_thread), f"--recipient={to_thread}") == 0
    assert pipe(load("new_thread.eml")) == 0

    _nothing_posted(thread)
    assert Thread.objects.filter(forum=forum).count() == 1
    texts = [body_of(mail.message) for mail in bounces(smtp_server)]
    assert len(texts) == 2
    assert all("This forum is closed to new posts." in text for text in texts)


def test_a_member_blocked_by_the_other_participant_cannot_reply_by_mail(
    smtp_server: SMTPServer, inbound_settings: Any, member: Member, wanjiru: Member
) -> None:
    conversation = start_conversation(
        wanjiru, recipients=[member], subject="Workshop", body="Are you coming?"
    )
    block_member(wanjiru, member)
    address = address_for(member, f"conversation:{conversation.pk}")

    assert pipe(_reply(address), f"--recipient={address}") == 0

    assert Message.objects.filter(conversation=conversation).count() == 1
    assert "You cannot write to Wanjiru Kamau Otieno." in body_of(only_bounce(smtp_server))


def test_a_file_the_forums_would_refuse_is_bounced_with_their_reason(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    raw = load("image_attachment.eml", to=to_thread).replace(
        b'filename="workshop-map.png"', b'filename="workshop-map.exe"'
    )

    assert pipe(raw, f"--recipient={to_thread}") == 0

    _nothing_posted(thread)
    assert "workshop-map.exe" in body_of(only_bounce(smtp_server))


# --- The message itself ------------------------------------------------------------------------


def test_a_message_over_the_size_limit_is_bounced(
    smtp_server: SMTPServer, to_thread: str, thread: Thread, member: Member
) -> None:
    mail = EmailMessage()
    mail["From"] = member.email
    mail["To"] = to_thread
    mail["Subject"] = "Re: the recording"
    mail["Message-ID"] = "<big-1@example.org>"
    mail.set_content("Here is the whole recording.")
    mail.add_attachment(os.urandom(11 * 1024 * 1024), "video", "mp4", filename="recording.mp4")

    assert pipe(mail.as_bytes(), f"--recipient={to_thread}") == 0

    _nothing_posted(thread)
    bounce = only_bounce(smtp_server)
    assert "the most we accept by mail is 10.0" in body_of(bounce)
    assert bounce["In-Reply-To"] == "<big-1@example.org>"
    _refused(InboundReason.TOO_LARGE)


class _FiftyMegabytes(io.RawIOBase):
    """A 50 MB message made on the fly, as an MTA's pipe would feed it."""

    def __init__(self, head: bytes) -> None:
        self.head = head
        self.left = 50 * 1024 * 1024
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.head:
            chunk, self.head = self.head, b""
        else:
            chunk = (b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwYWJjZGVmZ2hpamts\n" * 1100)[
                : min(self.left, size if size > 0 else 65536)
            ]
            self.left -= len(chunk)
        self.read_bytes += len(chunk)
        return chunk


def test_a_fifty_megabyte_message_is_refused_without_being_held_in_memory(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    head = (
        _reply(to_thread)
        .split(b"\n\n")[0]
        .replace(
            b"Content-Type: text/plain; charset=UTF-8; format=flowed",
            b"Content-Type: application/octet-stream",
        )
        .replace(b"Content-Transfer-Encoding: 8bit", b"Content-Transfer-Encoding: base64")
    )
    stream = _FiftyMegabytes(head + b"\n\n")

    tracemalloc.start()
    try:
        call_command("mail_receive", f"--recipient={to_thread}", stdin=stream, stdout=io.StringIO())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert stream.read_bytes > 50 * 1024 * 1024  # read to the end, for the MTA's sake
    assert peak < 16 * 1024 * 1024
    _nothing_posted(thread)
    assert "Your message is 50.0" in body_of(only_bounce(smtp_server))


def test_a_malformed_message_is_bounced(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    assert pipe(load("malformed.eml", to=to_thread), f"--recipient={to_thread}") == 0

    _nothing_posted(thread)
    assert "its structure is damaged" in body_of(only_bounce(smtp_server))
    _refused(InboundReason.MALFORMED)


def test_mail_sent_to_a_crowd_is_refused_but_a_group_is_fine(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    group = ", ".join(f"person{n}@example.org" for n in range(49))
    crowd = ", ".join(f"person{n}@example.org" for n in range(500))

    assert pipe(_reply(to_thread, Cc=group), f"--recipient={to_thread}") == 0
    assert Post.objects.filter(thread=thread).count() == 2
    crowded = _reply(to_thread, Cc=crowd, Message_ID="<crowd-1@example.org>")
    assert pipe(crowded, f"--recipient={to_thread}") == 0

    assert Post.objects.filter(thread=thread).count() == 2
    assert "addressed to 501 people; we accept mail sent to at most 50" in body_of(
        only_bounce(smtp_server)
    )


def test_a_reply_with_nothing_but_the_quote_is_bounced(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    raw = load("thunderbird_reply.eml", to=to_thread).split(b"\n\n")[0] + (
        b"\n\nOn 03/11/2025 10:02, Wanjiru wrote:\n> I start with a round of names.\n"
    )

    assert pipe(raw, f"--recipient={to_thread}") == 0

    _nothing_posted(thread)
    assert "We found no text of yours" in body_of(only_bounce(smtp_server))
    _refused(InboundReason.EMPTY)


def test_a_refused_message_delivered_twice_is_bounced_once(
    smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    raw = _reply(to_thread)

    assert pipe(raw, f"--recipient={to_thread}") == 0
    assert pipe(raw, f"--recipient={to_thread}") == 0

    assert len(bounces(smtp_server)) == 1


def test_when_the_bounce_cannot_be_sent_the_mta_is_asked_to_retry(
    smtp_server: SMTPServer, to_thread: str, thread: Thread, settings: Any
) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    smtp_server.refuse_next("451 4.3.0 Relay busy, try again later")
    raw = _reply(to_thread)

    assert pipe(raw, f"--recipient={to_thread}") == os.EX_TEMPFAIL
    assert not InboundMail.objects.exists()

    assert pipe(raw, f"--recipient={to_thread}") == 0
    assert len(bounces(smtp_server)) == 1
