"""Following a forum: new threads, and every post for members in mailing-list mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Post, Subscription, Thread
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.subscriptions import subscribe_to_forum
from tertulia.forums.services.threads import start_thread
from tertulia.notifications.models import Delivery, Kind, MailSettings, Notification
from tertulia.notifications.services import set_preference
from tests.factories import make_member

pytestmark = pytest.mark.django_db

Commit = Callable[[], Any]


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Commit:
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def reader(forum: Forum) -> Member:
    member = make_member(display_name="Amaru Quispe", email="amaru@example.org")
    subscribe_to_forum(member, forum)
    return member


@pytest.fixture
def list_reader(forum: Forum) -> Member:
    """Follows the forum in mailing-list mode."""
    member = make_member(display_name="Lena Vogel", email="lena@example.org")
    subscribe_to_forum(member, forum)
    MailSettings.objects.create(member=member, mailing_list_mode=True)
    return member


def _start(member: Member, forum: Forum, commit: Commit, body: str = "Let us share.") -> Thread:
    with commit():
        return start_thread(member, forum, title="Budgets for small NGOs", body=body)


def _reply(member: Member, thread: Thread, commit: Commit, body: str = "Agreed.") -> Post:
    with commit():
        return post_reply(member, thread, body=body)


def _kinds(member: Member) -> list[str]:
    return list(member.notifications.order_by("pk").values_list("kind", flat=True))


def test_a_new_thread_tells_the_forum_followers(
    commit: Commit, member: Member, reader: Member, forum: Forum
) -> None:
    subscribe_to_forum(member, forum)  # following one's own forum tells nobody of oneself

    thread = _start(member, forum, commit)

    note = reader.notifications.get()
    assert note.kind == Kind.NEW_THREAD
    assert note.dedupe_key == f"new_thread:{thread.pk}"
    assert note.group == f"thread:{thread.pk}"
    assert note.params == {"subject": "Budgets for small NGOs", "forum": forum.title}
    assert note.snippet == "Let us share."
    assert not member.notifications.exists()


def test_a_follower_named_in_the_first_post_gets_the_mention_only(
    commit: Commit, member: Member, reader: Member, forum: Forum
) -> None:
    _start(member, forum, commit, body="@[Amaru Quispe], your numbers?")

    assert _kinds(reader) == [Kind.MENTION]


def test_mailing_list_mode_gets_each_post_once_as_a_forum_post(
    commit: Commit, member: Member, other_member: Member, list_reader: Member, forum: Forum
) -> None:
    thread = _start(member, forum, commit)
    # Following the thread as well changes nothing: still one notification per post.
    Subscription.objects.create(member=list_reader, thread=thread)
    first_reply = _reply(other_member, thread, commit)
    second_reply = _reply(member, thread, commit)

    notes = list(list_reader.notifications.order_by("pk"))
    opening = Post.objects.get(thread=thread, position=1)
    assert [note.kind for note in notes] == [Kind.FORUM_POST] * 3
    assert [note.dedupe_key for note in notes] == [
        f"forum_post:{opening.pk}",
        f"forum_post:{first_reply.pk}",
        f"forum_post:{second_reply.pk}",
    ]
    assert {note.group for note in notes} == {f"thread:{thread.pk}"}
    assert {note.delivery for note in notes} == {Delivery.EMAIL}


def test_mailing_list_mode_turned_off_in_a_forum_leaves_the_usual_choices(
    commit: Commit, member: Member, list_reader: Member, forum: Forum, thread: Thread
) -> None:
    set_preference(list_reader, Kind.FORUM_POST, Delivery.OFF, scope=f"forum:{forum.pk}")
    Subscription.objects.create(member=list_reader, thread=thread)

    _reply(member, thread, commit)

    assert _kinds(list_reader) == [Kind.REPLY]


def test_a_mention_mailed_stands_for_the_post_in_mailing_list_mode(
    commit: Commit, member: Member, list_reader: Member, thread: Thread
) -> None:
    _reply(member, thread, commit, body="@[Lena Vogel] has the figures.")

    assert _kinds(list_reader) == [Kind.MENTION]


def test_a_mention_kept_on_the_site_still_leaves_the_post_mail(
    commit: Commit, member: Member, list_reader: Member, thread: Thread
) -> None:
    set_preference(list_reader, Kind.MENTION, Delivery.IN_APP)

    _reply(member, thread, commit, body="@[Lena Vogel] has the figures.")

    mailed = list_reader.notifications.filter(delivery=Delivery.EMAIL)
    assert _kinds(list_reader) == [Kind.MENTION, Kind.FORUM_POST]
    assert [note.kind for note in mailed] == [Kind.FORUM_POST]


def test_mailing_list_mode_without_following_the_forum_changes_nothing(
    commit: Commit, member: Member, forum: Forum, thread: Thread
) -> None:
    quiet = make_member(display_name="Only The Thread")
    MailSettings.objects.create(member=quiet, mailing_list_mode=True)
    Subscription.objects.create(member=quiet, thread=thread)

    _reply(member, thread, commit)

    assert _kinds(quiet) == [Kind.REPLY]
    assert not Notification.objects.filter(kind=Kind.FORUM_POST).exists()
