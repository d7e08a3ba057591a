"""`tertulia mail-server`: what the SMTP and LMTP listeners answer, and when."""

from __future__ import annotations

import io
import smtplib
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.inbound import forum_mail_address
from tertulia.forums.models import Forum, Post, Thread
from tertulia.notifications.models import InboundMail
from tertulia.notifications.tokens import make_reply_token
from tests.factories import make_forum, make_member, make_thread
from tests.mailserver import SMTPServer
from tests.notifications.mails import (
    DOMAIN,
    InboundServer,
    address_for,
    body_of,
    bounces,
    crlf,
    inbound_server,
    inbound_settings,
    load,
    only_bounce,
)

__all__ = ["inbound_server", "inbound_settings"]
pytestmark = pytest.mark.django_db(transaction=True)
SENDER = "nadege@example.org"


@pytest.fixture
def thread(db: None) -> Thread:
    wanjiru = make_member(display_name="Wanjiru Kamau Otieno", email="wanjiru@example.org")
    forum = make_forum(title="General discussion", slug="general")
    return make_thread(forum=forum, author=wanjiru, title="How do you open a workshop?")


@pytest.fixture
def to_thread(inbound_settings: Any, member: Member, thread: Thread) -> str:
    return address_for(member, f"thread:{thread.pk}")


def _rcpt(server: InboundServer, address: str) -> tuple[int, str]:
    with server.smtp() as client:
        client.ehlo()
        client.mail(SENDER)
        code, text = client.rcpt(address)
        return code, text.decode()


def test_unknown_addresses_are_refused_at_rcpt(
    inbound_server: InboundServer, to_thread: str, member: Member, thread: Thread
) -> None:
    forged = to_thread.replace("reply+", "reply+x", 1)

    assert _rcpt(inbound_server, "postmaster@elsewhere.example")[0] == 550
    assert _rcpt(inbound_server, f"someone@{DOMAIN}")[0] == 550
    assert _rcpt(inbound_server, forged) == (550, f"5.1.1 <{forged}>: no such address here")
    assert _rcpt(inbound_server, f"forum+no-such-forum@{DOMAIN}")[0] == 550
    assert _rcpt(inbound_server, f"forum+general@{DOMAIN}")[0] == 250
    assert _rcpt(inbound_server, to_thread)[0] == 250


def test_an_expired_reply_address_is_accepted_to_tell_the_member_why(
    inbound_server: InboundServer, smtp_server: SMTPServer, member: Member, thread: Thread
) -> None:
    old = timezone.now().date() - timedelta(days=365)
    address = f"reply+{make_reply_token(member.pk, 'thread', thread.pk, today=old)}@{DOMAIN}"

    assert inbound_server.send(load("thunderbird_reply.eml", to=address), SENDER, [address]) == {}

    assert "more than 180 days old" in body_of(only_bounce(smtp_server))


def test_recipients_past_the_limit_are_deferred(
    inbound_server: InboundServer, inbound_settings: Any, to_thread: str
) -> None:
    inbound_settings.INBOUND_MAX_RECIPIENTS = 2
    with inbound_server.smtp() as client:
        client.ehlo()
        client.mail(SENDER)
        assert client.rcpt(to_thread)[0] == 250
        assert client.rcpt(f"forum+general@{DOMAIN}")[0] == 250
        assert client.rcpt(f"forum+general@{DOMAIN}") == (452, b"4.5.3 Too many recipients")


def _big_message(to: str, megabytes: float) -> bytes:
    line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwYWJjZGVmZ2hpamts\r\n"
    headers = crlf(load("thunderbird_reply.eml", to=to).split(b"\n\n")[0])
    return headers + b"\r\n\r\n" + line * int(megabytes * 1024 * 1024 / len(line))


def test_an_oversized_message_is_refused_at_data_with_the_limit(
    request: pytest.FixtureRequest, inbound_settings: Any, to_thread: str, thread: Thread
) -> None:
    inbound_settings.INBOUND_MAX_BYTES = 1024 * 1024
    server: InboundServer = request.getfixturevalue("inbound_server")

    with server.smtp() as client:
        client.ehlo()
        client.mail(SENDER)  # no SIZE: the server only finds out while reading
        client.rcpt(to_thread)
        code, text = client.data(_big_message(to_thread, 1.5))

    assert (code, text.decode()) == (
        552,
        "5.3.4 Message too big: this server accepts mail of at most 1 MB",
    )
    assert Post.objects.filter(thread=thread).count() == 1
    assert not InboundMail.objects.exists()


def test_a_declared_size_over_the_limit_is_refused_before_the_data(
    request: pytest.FixtureRequest, inbound_settings: Any, to_thread: str
) -> None:
    inbound_settings.INBOUND_MAX_BYTES = 1024 * 1024
    server: InboundServer = request.getfixturevalue("inbound_server")

    with pytest.raises(smtplib.SMTPSenderRefused) as refused:
        server.send(_big_message(to_thread, 1.5), SENDER, [to_thread])

    assert refused.value.smtp_code == 552
    assert b"at most 1 MB" in refused.value.smtp_error


def test_lmtp_refuses_an_oversized_message_once_per_recipient(
    request: pytest.FixtureRequest, inbound_settings: Any, to_thread: str
) -> None:
    inbound_settings.INBOUND_MAX_BYTES = 1024 * 1024
    server: InboundServer = request.getfixturevalue("inbound_server")
    client = smtplib.LMTP("127.0.0.1", server.lmtp_port, timeout=60)
    try:
        client.ehlo()
        client.mail(SENDER)
        client.rcpt(to_thread)
        client.rcpt(f"forum+general@{DOMAIN}")
        first = client.data(_big_message(to_thread, 1.5))
        second = client.getreply()
        assert client.noop()[0] == 250  # the conversation is still in step
    finally:
        client.close()

    assert first[0] == second[0] == 552


def test_a_refused_reply_is_accepted_and_bounced_by_us_not_by_the_mta(
    inbound_server: InboundServer, smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    replies = inbound_server.lmtp(load("thunderbird_reply.eml", to=to_thread), SENDER, [to_thread])

    assert replies == [(250, "2.0.0 Not posted; the sender has been told why")]
    assert "This thread is locked: no new replies." in body_of(only_bounce(smtp_server))


def test_automatic_mail_and_bounces_are_accepted_and_dropped(
    inbound_server: InboundServer, smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    out_of_office = load("out_of_office.eml", to=to_thread)
    reply = load("thunderbird_reply.eml", to=to_thread)

    assert inbound_server.send(out_of_office, SENDER, [to_thread]) == {}
    assert inbound_server.send(reply, "", [to_thread]) == {}  # MAIL FROM:<>, a bounce

    assert Post.objects.filter(thread=thread).count() == 1
    assert bounces(smtp_server) == []


def test_a_failure_on_our_side_asks_the_sender_to_try_again(
    inbound_server: InboundServer, smtp_server: SMTPServer, to_thread: str, thread: Thread
) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    smtp_server.refuse_next("451 4.3.0 Relay busy")  # the bounce cannot leave yet
    raw = load("thunderbird_reply.eml", to=to_thread)

    with pytest.raises(smtplib.SMTPDataError) as deferred:
        inbound_server.send(raw, SENDER, [to_thread])
    assert deferred.value.smtp_code == 451
    assert not InboundMail.objects.exists()

    assert inbound_server.send(raw, SENDER, [to_thread]) == {}  # the MTA's retry
    assert len(bounces(smtp_server)) == 1


def test_the_server_needs_a_reply_domain_and_a_port(settings: Any) -> None:
    settings.REPLY_DOMAIN = ""
    with pytest.raises(CommandError, match="REPLY_DOMAIN"):
        call_command("mail_server", stdout=io.StringIO())
    settings.REPLY_DOMAIN = DOMAIN
    with pytest.raises(CommandError, match="--port"):
        call_command("mail_server", "--port=0", stdout=io.StringIO())


def test_forum_addresses_take_the_forum_number_too(
    inbound_server: InboundServer, smtp_server: SMTPServer, member: Member
) -> None:
    forum = Forum.objects.create(title="Diálogo virtual", slug="diálogo-virtual")
    address = forum_mail_address(forum)  # an ASCII address for a non-ASCII slug
    assert address == f"forum+{forum.pk}@{DOMAIN}"
    raw = load("new_thread.eml").replace(b"forum+general@", f"forum+{forum.pk}@".encode())

    assert inbound_server.send(raw, SENDER, [address]) == {}

    assert Thread.objects.get(forum=forum).title == "Icebreakers for mixed groups"
