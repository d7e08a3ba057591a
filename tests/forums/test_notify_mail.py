"""What followers find in their inbox, over real SMTP: mail held for the edit window and
sent with the final text, "send now", and mailing-list mode threaded like a list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Post, Subscription, Thread
from tertulia.forums.services.subscriptions import subscribe_to_forum
from tertulia.notifications.models import MailSettings
from tertulia.notifications.tokens import group_message_id
from tests.factories import make_member
from tests.forums.conftest import client_for, page_text
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db

POSTED = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
WINDOW_ENDS = POSTED + timedelta(minutes=60)

Commit = Callable[[], Any]


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Commit:
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def follower(thread: Thread) -> Member:
    member = make_member(display_name="Amaru Quispe", email="amaru@example.org")
    Subscription.objects.create(member=member, thread=thread)
    return member


def _send_due() -> None:
    call_command("send_due_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _mails_to(server: SMTPServer, address: str) -> list[EmailMessage]:
    return [mail.message for mail in server.received if address in mail.recipients]


def _reply(client: Client, thread: Thread, body: str, commit: Commit) -> Post:
    with commit():
        response = client.post(f"/forums/t/{thread.pk}/reply/", {"body": body})
    assert response.status_code == 302
    return Post.objects.filter(thread=thread).latest("position")


def test_a_reply_is_mailed_after_the_edit_window_with_its_final_text(
    smtp_server: SMTPServer, commit: Commit, member_client: Client, follower: Member, thread: Thread
) -> None:
    with time_machine.travel(POSTED, tick=False):
        post = _reply(member_client, thread, "We open with a song.", commit)
        _send_due()
        assert smtp_server.received == []

    with time_machine.travel(POSTED + timedelta(minutes=10), tick=False):
        with commit():
            edited = member_client.post(
                f"/forums/p/{post.pk}/edit/", {"body": "We open with a round of names."}
            )
        assert edited.status_code == 302
        _send_due()
        assert smtp_server.received == []

    with time_machine.travel(WINDOW_ENDS + timedelta(minutes=1), tick=False):
        _send_due()
        _send_due()

    [mail] = _mails_to(smtp_server, "amaru@example.org")
    assert len(smtp_server.received) == 1
    assert mail["Subject"].endswith(
        "Nadège Mamas MAVOUNGOU replied in “How do you open a workshop?”"
    )
    assert "We open with a round of names." in _text(mail)
    assert "song" not in _text(mail)
    assert f"/forums/p/{post.pk}/" in _text(mail)


def test_send_now_mails_the_followers_at_once(
    smtp_server: SMTPServer, commit: Commit, member_client: Client, follower: Member, thread: Thread
) -> None:
    with time_machine.travel(POSTED, tick=False):
        post = _reply(member_client, thread, "Workshop starts at nine.", commit)
        assert smtp_server.received == []

        with commit():
            response = member_client.post(f"/forums/p/{post.pk}/send-now/", follow=True)

        assert "The notifications of your post are on their way." in page_text(response)
        [mail] = _mails_to(smtp_server, "amaru@example.org")
        assert "Workshop starts at nine." in _text(mail)

    with time_machine.travel(WINDOW_ENDS + timedelta(minutes=1), tick=False):
        _send_due()
    assert len(smtp_server.received) == 1


def test_send_now_after_the_window_says_the_mail_has_gone(
    smtp_server: SMTPServer, commit: Commit, member_client: Client, follower: Member, thread: Thread
) -> None:
    with time_machine.travel(POSTED, tick=False):
        post = _reply(member_client, thread, "Workshop starts at nine.", commit)
    with time_machine.travel(WINDOW_ENDS + timedelta(minutes=1), tick=False):
        _send_due()
        with commit():
            response = member_client.post(f"/forums/p/{post.pk}/send-now/", follow=True)

    assert "The notifications of this post have already been sent." in page_text(response)
    assert len(smtp_server.received) == 1


def test_a_post_deleted_before_its_mail_left_is_never_mailed(
    smtp_server: SMTPServer, commit: Commit, member_client: Client, follower: Member, thread: Thread
) -> None:
    with time_machine.travel(POSTED, tick=False):
        post = _reply(member_client, thread, "Oops, wrong thread.", commit)
        with commit():
            member_client.post(f"/forums/p/{post.pk}/delete/", {"confirm": "1"})

    with time_machine.travel(WINDOW_ENDS + timedelta(minutes=1), tick=False):
        _send_due()
    assert smtp_server.received == []


def test_mailing_list_mode_mails_each_post_once_in_one_thread(
    smtp_server: SMTPServer, commit: Commit, member: Member, other_member: Member, forum: Forum
) -> None:
    reader = make_member(display_name="Lena Vogel", email="lena@example.org")
    subscribe_to_forum(reader, forum)
    MailSettings.objects.create(member=reader, mailing_list_mode=True)
    author = client_for(member)

    with time_machine.travel(POSTED, tick=False):
        with commit():
            author.post(
                f"/forums/{forum.slug}/new/",
                {"title": "Budgets for small NGOs", "body": "How do you plan yours?"},
            )
        thread = Thread.objects.get(title="Budgets for small NGOs")
        # Following the thread too must not bring a second mail per post.
        Subscription.objects.create(member=reader, thread=thread)
        _reply(client_for(other_member), thread, "Month by month.", commit)
        _reply(author, thread, "Thanks, that helps.", commit)

    with time_machine.travel(WINDOW_ENDS + timedelta(minutes=1), tick=False):
        _send_due()

    mails = _mails_to(smtp_server, "lena@example.org")
    assert len(mails) == 3
    bodies = [_text(mail) for mail in mails]
    assert any("How do you plan yours?" in body for body in bodies)
    assert any("Month by month." in body for body in bodies)
    assert any("Thanks, that helps." in body for body in bodies)
    root = group_message_id(f"thread:{thread.pk}")
    assert {(mail["In-Reply-To"], mail["References"]) for mail in mails} == {(root, root)}
    assert len({mail["Message-ID"] for mail in mails}) == 3
    # One subject for the whole thread, whoever posts: clients that thread by subject agree.
    [subject] = {mail["Subject"] for mail in mails}
    assert subject.endswith("“Budgets for small NGOs” in General Discussion Forum")
