"""Every write that changes what a thread's or a forum's pages show raises their revision,
so the pages cached under the old one are never served again (services/revisions.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Post, Thread
from tertulia.forums.services import moderation_posts, moderation_threads, posts, reactions
from tertulia.forums.services.moderation_restructure import merge_threads, split_thread
from tertulia.forums.services.reading import VIEW_FLUSH_EVERY, record_thread_view
from tests.factories import add_post, make_facilitator, make_forum, make_member, make_thread

pytestmark = pytest.mark.django_db


def revisions(thread: Thread) -> tuple[int, int]:
    thread.refresh_from_db()
    return thread.revision, Forum.objects.get(pk=thread.forum_id).revision


def first_post(thread: Thread) -> Post:
    return Post.objects.get(thread=thread, position=1)


WRITES: dict[str, Callable[[Thread, Member], object]] = {
    "reply": lambda thread, member: posts.post_reply(member, thread, body="More"),
    "edit": lambda thread, member: posts.edit_post(
        thread.author, first_post(thread), body="Changed"
    ),
    "like": lambda thread, member: reactions.like_post(member, first_post(thread)),
    "hide": lambda thread, member: moderation_posts.hide_post(
        make_facilitator(), add_post(thread=thread), reason="Spam"
    ),
    "lock": lambda thread, member: moderation_threads.lock_thread(make_facilitator(), thread),
    "pin": lambda thread, member: moderation_threads.pin_thread(make_facilitator(), thread),
    "move": lambda thread, member: moderation_threads.move_thread(
        make_facilitator(), thread, forum_id=make_forum().pk, reason="Better there"
    ),
    "split": lambda thread, member: split_thread(
        make_facilitator(),
        thread,
        post_ids=[add_post(thread=thread).pk],
        title="Split off",
        forum_id=thread.forum_id,
        reason="Its own topic",
    ),
    "merge": lambda thread, member: merge_threads(
        make_facilitator(), make_thread(forum=thread.forum), target_id=thread.pk, reason="Same"
    ),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_raises_the_threads_revision(write: str, member: Member) -> None:
    thread = make_thread(forum=make_forum())
    before = revisions(thread)

    WRITES[write](thread, member)

    after = revisions(thread)
    assert after[0] > before[0]


LIST_WRITES: dict[str, Callable[[Thread, Member], object]] = {
    **{name: WRITES[name] for name in ("reply", "lock", "pin", "hide")},
    "retitle": lambda thread, member: posts.edit_post(
        thread.author, first_post(thread), body="Same", title="A new title"
    ),
}


@pytest.mark.parametrize("write", list(LIST_WRITES))
def test_a_write_shown_in_lists_raises_the_forums_revision(write: str, member: Member) -> None:
    thread = make_thread(forum=make_forum())
    before = revisions(thread)

    LIST_WRITES[write](thread, member)

    assert revisions(thread)[1] > before[1]


def test_view_counts_raise_the_forums_revision_once_a_batch() -> None:
    thread = make_thread(forum=make_forum())
    before = revisions(thread)

    for _ in range(VIEW_FLUSH_EVERY - 1):
        record_thread_view(thread)
    assert revisions(thread) == before
    record_thread_view(thread)

    assert revisions(thread)[1] == before[1] + 1


def test_a_renamed_member_raises_every_page_showing_them(member: Member) -> None:
    started = make_thread(forum=make_forum(), author=member)
    replied = make_thread(forum=make_forum())
    add_post(thread=replied, author=member)
    elsewhere = make_thread(forum=make_forum())
    before = {thread.pk: revisions(thread) for thread in (started, replied, elsewhere)}

    member.display_name = "A new name"
    member.save()

    for thread in (started, replied):
        assert revisions(thread)[0] > before[thread.pk][0]
        assert revisions(thread)[1] > before[thread.pk][1]
    assert revisions(elsewhere)[0] == before[elsewhere.pk][0]


def test_signing_in_changes_no_revision(member: Member) -> None:
    thread = make_thread(forum=make_forum(), author=member)
    before = revisions(thread)

    member.save(update_fields=["last_login"])
    make_member()  # a new member has written nothing

    assert revisions(thread) == before
