"""The index follows every forum write, in the same transaction: start, reply, edit,
hide, restore, approve, move, merge, split, delete, and a forum's access changing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.forums.models import Access, Forum, Post, Thread
from tertulia.forums.services.moderation_posts import approve_post, hide_post, restore_post
from tertulia.forums.services.moderation_restructure import merge_threads, split_thread
from tertulia.forums.services.moderation_threads import hide_thread, move_thread, restore_thread
from tertulia.forums.services.posts import delete_own_post, edit_post, post_reply
from tertulia.forums.services.threads import start_thread
from tests.factories import make_forum, make_member
from tests.search.conftest import titles, urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(db: None) -> Forum:
    return make_forum(title="General", slug="general")


@pytest.fixture
def thread(forum: Forum, member: Member) -> Thread:
    return start_thread(
        member, forum, title="Warm-up exercises", body="Start with a round of names.", language="en"
    )


def _reply(thread: Thread, body: str, author: Member | None = None) -> Post:
    return post_reply(author or make_member(), thread, body=body)


def _thread_url(thread: Thread) -> str:
    return f"/forums/t/{thread.pk}/"


def test_new_thread_and_reply_are_found_at_once(thread: Thread) -> None:
    reply = _reply(thread, "Icebreakers with paper planes.")
    assert urls("warm-up") == [_thread_url(thread)]
    assert urls("names") == [_thread_url(thread)]  # the opening post belongs to the thread
    assert urls("planes") == [f"/forums/p/{reply.pk}/"]
    assert titles("planes") == ["Warm-up exercises"]  # a reply is shown under its thread


def test_editing_replaces_the_old_words(thread: Thread, member: Member) -> None:
    reply = _reply(thread, "Icebreakers with paper planes.", author=member)
    edit_post(member, reply, body="Icebreakers with a ball of wool.")
    opening = thread.posts.get(position=1)
    edit_post(member, opening, body="Start with a song.", title="Energisers")

    assert urls("planes") == []
    assert urls("wool") == [f"/forums/p/{reply.pk}/"]
    assert urls("names") == []
    assert urls("song") == [_thread_url(thread)]
    assert titles("wool") == ["Energisers"]
    assert urls("warm-up") == []


def test_hiding_and_restoring_a_reply(thread: Thread, facilitator: Member) -> None:
    reply = _reply(thread, "Icebreakers with paper planes.")
    hide_post(facilitator, reply, reason="Off topic")
    assert urls("planes", facilitator) == []
    restore_post(facilitator, reply)
    assert urls("planes", facilitator) == [f"/forums/p/{reply.pk}/"]


def test_hiding_the_opening_post_hides_thread_and_replies(
    thread: Thread, facilitator: Member
) -> None:
    _reply(thread, "Icebreakers with paper planes.")
    hide_post(facilitator, thread.posts.get(position=1), reason="Spam")
    assert urls("warm-up planes", facilitator) == []
    assert urls("planes", facilitator) == []
    restore_post(facilitator, thread.posts.get(position=1))
    assert len(urls("planes", facilitator)) == 1
    assert urls("names", facilitator) == [_thread_url(thread)]


def test_hiding_and_restoring_a_thread(thread: Thread, facilitator: Member) -> None:
    _reply(thread, "Icebreakers with paper planes.")
    hide_thread(facilitator, thread, reason="Duplicate")
    assert urls("warm-up", facilitator) == []
    assert urls("planes", facilitator) == []
    restore_thread(facilitator, thread)
    assert urls("names", facilitator) == [_thread_url(thread)]
    assert len(urls("planes", facilitator)) == 1


def test_posts_waiting_for_approval_are_found_once_approved(
    thread: Thread, facilitator: Member
) -> None:
    site = SiteSettings.current()
    site.first_posts_need_approval = True
    site.save()
    cache.clear()
    reply = _reply(thread, "Icebreakers with paper planes.")
    assert not reply.is_approved
    assert urls("planes", facilitator) == []
    approve_post(facilitator, reply)
    assert urls("planes", facilitator) == [f"/forums/p/{reply.pk}/"]


def test_moving_a_thread_to_a_members_forum_hides_it_from_visitors(
    thread: Thread, facilitator: Member, member: Member
) -> None:
    _reply(thread, "Icebreakers with paper planes.")
    lounge = make_forum(title="Lounge", read_access=Access.MEMBERS)
    move_thread(facilitator, thread, forum_id=lounge.pk, reason="Members only")
    assert urls("warm-up", AnonymousUser()) == []
    assert urls("planes", AnonymousUser()) == []
    assert urls("warm-up", member) == [_thread_url(thread)]
    assert len(urls("planes", member)) == 1


def test_changing_a_forums_access_changes_who_finds_its_posts(
    forum: Forum, thread: Thread, member: Member
) -> None:
    _reply(thread, "Icebreakers with paper planes.")
    forum.read_access = Access.FACILITATORS
    forum.save()
    assert urls("warm-up", member) == []
    assert urls("planes", member) == []
    forum.read_access = Access.EVERYONE
    forum.save(update_fields=["read_access"])
    assert urls("warm-up", AnonymousUser()) == [_thread_url(thread)]
    assert len(urls("planes", AnonymousUser())) == 1


def test_merging_makes_the_old_opening_post_a_reply_of_the_target(
    forum: Forum, thread: Thread, facilitator: Member, member: Member
) -> None:
    other = start_thread(member, forum, title="Name games", body="Juggling names.")
    merge_threads(facilitator, other, target_id=thread.pk, reason="Same topic")
    moved = Post.objects.get(body="Juggling names.")
    assert urls("juggling", facilitator) == [f"/forums/p/{moved.pk}/"]
    assert titles("juggling", facilitator) == ["Warm-up exercises"]
    assert urls("games", facilitator) == []


def test_split_posts_open_a_new_thread(forum: Forum, thread: Thread, facilitator: Member) -> None:
    first = _reply(thread, "Paper planes carry questions.")
    second = _reply(thread, "Planes fly further outdoors.")
    new = split_thread(
        facilitator,
        thread,
        post_ids=[first.pk, second.pk],
        title="Paper planes",
        forum_id=forum.pk,
        reason="New topic",
    )
    assert urls("questions", facilitator) == [_thread_url(new)]
    assert urls("outdoors", facilitator) == [f"/forums/p/{second.pk}/"]
    assert titles("outdoors", facilitator) == ["Paper planes"]


def test_deleting_own_post_removes_it(thread: Thread, member: Member) -> None:
    reply = _reply(thread, "Icebreakers with paper planes.", author=member)
    delete_own_post(member, reply)
    assert urls("planes") == []


def test_deleting_rows_removes_their_documents(thread: Thread) -> None:
    reply = _reply(thread, "Icebreakers with paper planes.")
    reply.delete()
    assert urls("planes") == []
    thread.delete()
    assert urls("warm-up") == []
