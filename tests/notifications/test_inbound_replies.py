"""Replies by mail are posted, whichever client wrote them and however they arrive:
through the MTA pipe (`tertulia mail-receive`) or over SMTP and LMTP (`mail-server`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from allauth.account.models import EmailAddress

from tertulia.accounts.models import Member
from tertulia.forums.models import Attachment, AttachmentKind, Forum, Post, Thread
from tertulia.messaging.models import Message
from tertulia.messaging.services.conversations import start_conversation
from tertulia.notifications.models import InboundMail, InboundStatus
from tests.factories import make_forum, make_member, make_thread
from tests.mailserver import SMTPServer
from tests.notifications.mails import (
    InboundServer,
    address_for,
    bounces,
    inbound_server,
    inbound_settings,
    load,
    pipe,
)

__all__ = ["inbound_server", "inbound_settings"]
# The mail server handles each message in its own thread: the data must be committed.
pytestmark = pytest.mark.django_db(transaction=True)
SENDER = "nadege@example.org"
Deliver = Callable[[bytes, str], None]


@pytest.fixture
def forum(db: None) -> Forum:
    return make_forum(title="General discussion", slug="general")


@pytest.fixture
def wanjiru(db: None) -> Member:
    return make_member(display_name="Wanjiru Kamau Otieno", email="wanjiru@example.org")


@pytest.fixture
def thread(forum: Forum, wanjiru: Member) -> Thread:
    return make_thread(
        forum=forum,
        author=wanjiru,
        title="How do you open a workshop?",
        body="I start with a round of names. What do you do?",
    )


@pytest.fixture(params=["pipe", "smtp", "lmtp"])
def deliver(request: pytest.FixtureRequest, inbound_settings: Any) -> Iterator[Deliver]:
    """Send a message to one address, through each entry point in turn."""
    if request.param == "pipe":

        def by_pipe(raw: bytes, to: str) -> None:
            assert pipe(raw, f"--recipient={to}") == 0

        yield by_pipe
        return
    server: InboundServer = request.getfixturevalue("inbound_server")

    def by_smtp(raw: bytes, to: str) -> None:
        assert server.send(raw, SENDER, [to]) == {}

    def by_lmtp(raw: bytes, to: str) -> None:
        ((code, _text),) = server.lmtp(raw, SENDER, [to])
        assert code == 250

    yield by_smtp if request.param == "smtp" else by_lmtp


def _last_post(thread: Thread) -> Post:
    return Post.objects.filter(thread=thread).order_by("-position").first()  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("thunderbird_reply.eml", "In Brazzaville we begin with a short exercise"),
        ("gmail_reply_es.eml", "Nosotras empezamos con una ronda de nombres"),
        ("outlook_reply_fr.eml", "Nous commençons par un jeu sur les tâches ménagères"),
        ("base64_reply_fr.eml", "Chez nous, on commence par une carte"),
        ("windows1252_reply.eml", "We use the “walk of privilege”"),
        ("html_only.eml", "- a map of where people come from"),
    ],
)
def test_a_reply_from_each_mail_client_is_posted_in_the_thread(
    deliver: Deliver,
    smtp_server: SMTPServer,
    member: Member,
    thread: Thread,
    fixture: str,
    expected: str,
) -> None:
    address = address_for(member, f"thread:{thread.pk}")

    deliver(load(fixture, to=address), address)

    post = _last_post(thread)
    assert post.position == 2
    assert post.author == member
    assert expected in post.body
    assert "What do you do?" not in post.body
    assert bounces(smtp_server) == []
    row = InboundMail.objects.get()
    assert row.status == InboundStatus.POSTED
    assert row.member == member
    assert row.url == f"/forums/p/{post.pk}/"


def test_a_picture_sent_with_the_reply_is_attached_to_the_post(
    deliver: Deliver, smtp_server: SMTPServer, member: Member, thread: Thread
) -> None:
    address = address_for(member, f"thread:{thread.pk}")

    deliver(load("image_attachment.eml", to=address), address)

    post = _last_post(thread)
    assert post.body == "Here is the map we drew at the end of the workshop in Kinshasa."
    attachment = Attachment.objects.get(post=post)
    assert attachment.kind == AttachmentKind.IMAGE
    assert attachment.original_name == "workshop-map.png"
    assert attachment.alt_text == "workshop-map.png"
    assert (attachment.width, attachment.height) == (120, 80)


def test_mail_to_a_forum_address_starts_a_thread(
    deliver: Deliver, smtp_server: SMTPServer, member: Member, forum: Forum
) -> None:
    deliver(load("new_thread.eml"), "forum+general@reply.example.org")

    thread = Thread.objects.get(forum=forum)
    assert thread.title == "Icebreakers for mixed groups"
    assert thread.author == member
    first = Post.objects.get(thread=thread)
    assert first.body.startswith("Which icebreakers work for you when a group mixes")
    assert "Nadège" not in first.body  # the signature
    assert bounces(smtp_server) == []


def test_a_reply_to_a_message_mail_is_posted_in_the_conversation(
    deliver: Deliver, smtp_server: SMTPServer, member: Member, wanjiru: Member
) -> None:
    conversation = start_conversation(
        wanjiru, recipients=[member], subject="Workshop in Kinshasa", body="Are you coming?"
    )
    address = address_for(member, f"conversation:{conversation.pk}")

    deliver(load("gmail_reply_es.eml", to=address), address)

    message = Message.objects.filter(conversation=conversation).order_by("-position").first()
    assert message is not None
    assert message.author == member
    assert message.position == 2
    assert message.body.startswith("Nosotras empezamos")


def test_the_same_message_delivered_twice_is_posted_once(
    deliver: Deliver, smtp_server: SMTPServer, member: Member, thread: Thread
) -> None:
    address = address_for(member, f"thread:{thread.pk}")
    raw = load("thunderbird_reply.eml", to=address)

    deliver(raw, address)
    deliver(raw, address)

    assert Post.objects.filter(thread=thread).count() == 2
    assert InboundMail.objects.count() == 1
    assert bounces(smtp_server) == []


def test_without_envelope_recipient_the_address_is_found_in_the_headers(
    inbound_settings: Any, smtp_server: SMTPServer, member: Member, thread: Thread
) -> None:
    address = address_for(member, f"thread:{thread.pk}")

    assert pipe(load("thunderbird_reply.eml", to=address)) == 0

    assert _last_post(thread).author == member


def test_a_member_can_reply_from_another_verified_address(
    inbound_settings: Any, smtp_server: SMTPServer, member: Member, thread: Thread
) -> None:
    EmailAddress.objects.create(user=member, email="n.mavoungou@work.example", verified=True)
    address = address_for(member, f"thread:{thread.pk}")

    raw = load("thunderbird_reply.eml", to=address, sender="N.Mavoungou@work.example")
    assert pipe(raw, f"--recipient={address}") == 0

    assert _last_post(thread).author == member


def test_one_message_to_a_thread_and_a_conversation_is_posted_in_both(
    inbound_server: InboundServer,
    smtp_server: SMTPServer,
    member: Member,
    wanjiru: Member,
    thread: Thread,
) -> None:
    conversation = start_conversation(
        wanjiru, recipients=[member], subject="Workshop", body="Are you coming?"
    )
    to_thread = address_for(member, f"thread:{thread.pk}")
    to_conversation = address_for(member, f"conversation:{conversation.pk}")
    raw = load("thunderbird_reply.eml", to=to_thread)

    replies = inbound_server.lmtp(raw, SENDER, [to_thread, to_conversation])

    assert [code for code, _text in replies] == [250, 250]
    assert _last_post(thread).author == member
    assert Message.objects.filter(conversation=conversation, author=member).count() == 1


def test_a_reply_to_a_thread_merged_since_lands_in_the_thread_it_joined(
    inbound_settings: Any, smtp_server: SMTPServer, member: Member, thread: Thread, forum: Forum
) -> None:
    survivor = make_thread(forum=forum, title="Opening workshops (merged)")
    Thread.objects.filter(pk=thread.pk).update(merged_into=survivor, is_hidden=True)
    address = address_for(member, f"thread:{thread.pk}")

    assert pipe(load("thunderbird_reply.eml", to=address), f"--recipient={address}") == 0

    assert _last_post(survivor).author == member
    assert Post.objects.filter(thread=thread).count() == 1
