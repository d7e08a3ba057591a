"""A reply tells the thread's followers and the members it mentions, once, and only
those who may read it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.forums import tasks
from tertulia.forums.models import Access, ForumKind, Post, Subscription, Thread
from tertulia.forums.services.moderation_posts import approve_post
from tertulia.forums.services.posts import edit_post, post_reply
from tertulia.forums.services.subscriptions import subscribe_to_thread
from tertulia.notifications.models import Delivery, Kind, Notification
from tertulia.notifications.services import set_preference
from tests.factories import make_facilitator, make_forum, make_member, make_thread

pytestmark = pytest.mark.django_db

POSTED = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)

Commit = Callable[[], Any]


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Commit:
    """`with commit(): ...` runs what the block left for after commit, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def follower(thread: Thread) -> Member:
    member = make_member(display_name="Amaru Quispe", email="amaru@example.org")
    Subscription.objects.create(member=member, thread=thread)
    return member


def _reply(member: Member, thread: Thread, body: str, commit: Commit) -> Post:
    with commit():
        return post_reply(member, thread, body=body)


def test_a_reply_tells_the_followers_of_the_thread(
    commit: Commit, member: Member, follower: Member, thread: Thread
) -> None:
    with time_machine.travel(POSTED, tick=False):
        post = _reply(member, thread, "We start with a *song*.\n\nThen names.", commit)

    note = Notification.objects.get(recipient=follower)
    assert note.kind == Kind.REPLY
    assert note.actor == member
    assert note.params == {"subject": thread.title, "forum": thread.forum.title}
    assert note.snippet == "We start with a song.\nThen names."
    assert note.url == f"/forums/p/{post.pk}/"
    assert note.group == f"thread:{thread.pk}"
    assert note.scope == f"forum:{thread.forum_id}"
    assert note.source == f"post:{post.pk}"
    assert note.dedupe_key == f"reply:{post.pk}"
    # The mail waits for the edit window (60 minutes by default) to close.
    assert note.send_after == POSTED + timedelta(minutes=60)


def test_the_author_is_never_told_about_their_own_reply(
    commit: Commit, member: Member, follower: Member, thread: Thread
) -> None:
    # Replying makes the author a follower; their second reply still tells only others.
    _reply(member, thread, "One", commit)
    _reply(member, thread, "Two", commit)

    assert Subscription.objects.filter(member=member, thread=thread).exists()
    assert not Notification.objects.filter(recipient=member).exists()
    assert Notification.objects.filter(recipient=follower).count() == 2


def test_a_member_both_mentioned_and_following_gets_only_the_mention(
    commit: Commit, member: Member, follower: Member, thread: Thread
) -> None:
    post = _reply(member, thread, "What do you think, @[Amaru Quispe]?", commit)

    note = Notification.objects.get(recipient=follower)
    assert (note.kind, note.dedupe_key) == (Kind.MENTION, f"mention:{post.pk}")


def test_a_mention_reaches_a_member_who_does_not_follow(
    commit: Commit, member: Member, thread: Thread
) -> None:
    named = make_member(display_name="Lena Vogel")

    post = _reply(member, thread, "@[Lena Vogel] ran this workshop last year.", commit)

    note = Notification.objects.get(recipient=named)
    assert note.kind == Kind.MENTION
    assert note.source == f"post:{post.pk}"


def test_nobody_who_cannot_read_the_forum_is_told(commit: Commit) -> None:
    facilitator = make_facilitator(display_name="Ruth Mensah")
    restricted = make_forum(title="Facilitators room", read_access=Access.FACILITATORS)
    thread = make_thread(forum=restricted, author=facilitator)
    # Once a facilitator, now a member: the subscription outlived the access.
    former = make_member(display_name="Former Facilitator")
    Subscription.objects.create(member=former, thread=thread)
    colleague = make_facilitator(display_name="Ines Duarte")
    Subscription.objects.create(member=colleague, thread=thread)

    _reply(facilitator, thread, "@[Former Facilitator] see the plan.", commit)

    assert list(Notification.objects.values_list("recipient__display_name", flat=True)) == [
        "Ines Duarte"
    ]


def test_inactive_members_are_not_told(
    commit: Commit, member: Member, follower: Member, thread: Thread
) -> None:
    follower.is_active = False
    follower.save(update_fields=["is_active"])

    _reply(member, thread, "Anyone there?", commit)

    assert not Notification.objects.exists()


def test_nobody_hears_of_a_reply_in_a_hidden_thread(
    commit: Commit, facilitator: Member, follower: Member, thread: Thread
) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    thread.refresh_from_db()

    _reply(facilitator, thread, "A note for the facilitators.", commit)

    assert not Notification.objects.filter(recipient=follower).exists()


def test_replies_stay_unannounced_to_those_who_have_not_answered_a_question(
    commit: Commit, member: Member, other_member: Member
) -> None:
    qa = make_forum(title="Questions", kind=ForumKind.QUESTION_AND_ANSWER)
    question = make_thread(forum=qa, author=other_member, title="How to start?")
    asker_follows = Subscription.objects.create(member=other_member, thread=question)
    lurker = make_member(display_name="Not Answered Yet")
    Subscription.objects.create(member=lurker, thread=question)

    _reply(member, question, "My answer.", commit)

    assert asker_follows.member.notifications.get().kind == Kind.REPLY
    assert not Notification.objects.filter(recipient=lurker).exists()


def test_turning_replies_off_in_one_forum_keeps_them_in_another(
    commit: Commit, member: Member, follower: Member, thread: Thread
) -> None:
    elsewhere = make_thread(forum=make_forum(title="Research"), author=member)
    subscribe_to_thread(follower, elsewhere)
    set_preference(
        follower,
        Kind.REPLY,
        Delivery.OFF,
        scope=f"forum:{thread.forum_id}",
        scope_label=thread.forum.title,
    )

    other_author = make_member()
    _reply(member, thread, "Quiet here.", commit)
    post = _reply(other_author, elsewhere, "Loud there.", commit)

    note = Notification.objects.get(recipient=follower)
    assert (note.kind, note.source, note.actor) == (Kind.REPLY, f"post:{post.pk}", other_author)


def test_a_post_waiting_for_approval_is_announced_when_approved(
    commit: Commit, follower: Member, thread: Thread, facilitator: Member
) -> None:
    site = SiteSettings.current()
    site.first_posts_need_approval = True
    site.save()
    newcomer = make_member(display_name="Brand New")

    post = _reply(newcomer, thread, "Hello all, @[Amaru Quispe]", commit)
    assert not post.is_approved
    assert not Notification.objects.exists()

    with commit():
        approve_post(facilitator, post)

    assert Notification.objects.get(recipient=follower).kind == Kind.MENTION


def test_the_reply_request_only_enqueues_the_fan_out(
    settings: Any,
    django_capture_on_commit_callbacks: Any,
    member_client: Client,
    follower: Member,
    thread: Thread,
) -> None:
    # A backend that records instead of running: the request itself tells nobody.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "On my way"})

    assert response.status_code == 302
    post = Post.objects.get(thread=thread, body="On my way")
    queued = tasks.tell_about_post.get_backend().results  # type: ignore[attr-defined]
    assert [(result.task.name, result.args) for result in queued] == [
        ("tell_about_post", [post.pk])
    ]
    assert not Notification.objects.exists()


def test_running_the_fan_out_twice_tells_nobody_twice(
    commit: Commit, member: Member, follower: Member, thread: Thread
) -> None:
    named = make_member(display_name="Lena Vogel")
    post = _reply(member, thread, "Thanks @[Lena Vogel]", commit)
    before = sorted(Notification.objects.values_list("recipient_id", "kind", "pk"))

    with commit():
        tasks.tell_about_post.enqueue(post.pk)
        tasks.tell_about_post.enqueue(post.pk)

    assert sorted(Notification.objects.values_list("recipient_id", "kind", "pk")) == before
    assert {(recipient, kind) for recipient, kind, _pk in before} == {
        (follower.pk, Kind.REPLY),
        (named.pk, Kind.MENTION),
    }


def test_an_edit_that_names_someone_new_tells_them_once(
    commit: Commit, member: Member, follower: Member, thread: Thread
) -> None:
    named = make_member(display_name="Lena Vogel")
    post = _reply(member, thread, "Who ran this before?", commit)

    with commit():
        edit_post(member, post, body="Who ran this before? @[Lena Vogel] did.")
    with commit():
        edit_post(member, post, body="@[Lena Vogel] did, with @[Amaru Quispe].")

    assert list(named.notifications.values_list("kind", flat=True)) == [Kind.MENTION]
    # Already told of the reply, the follower is not told again; the text is refreshed.
    [note] = follower.notifications.all()
    assert note.kind == Kind.REPLY
    assert note.snippet == "@Lena Vogel did, with @Amaru Quispe."
