"""Likes, reports and hiding tell a post's author; hiding or deleting a post withdraws
what it told others."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, FlagReason, Post, Subscription, Thread
from tertulia.forums.services.moderation_posts import hide_post
from tertulia.forums.services.moderation_threads import hide_thread, move_thread
from tertulia.forums.services.posts import delete_own_post, post_reply
from tertulia.forums.services.reactions import like_post, unlike_post
from tertulia.notifications.models import Kind, Notification
from tertulia.notifications.services import refresh_unsent
from tests.factories import add_post, make_forum, make_member
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db

Commit = Callable[[], Any]


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Commit:
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def reply(member: Member, thread: Thread) -> Post:
    """A reply by `member`, told to nobody yet (made without the services)."""
    return add_post(thread=thread, author=member, body="Start with a story.")


def test_a_like_tells_the_author_and_more_likes_join_the_same_notification(
    member: Member, reply: Post
) -> None:
    first = make_member(display_name="Amaru Quispe")
    second = make_member(display_name="Lena Vogel")
    client_for(first).post(f"/forums/p/{reply.pk}/like/")
    client_for(second).post(f"/forums/p/{reply.pk}/like/")

    note = Notification.objects.get(recipient=member)
    assert note.kind == Kind.REACTION
    assert note.count == 2
    assert note.actor == second
    assert note.source == f"post:{reply.pk}"
    assert note.snippet == "Start with a story."
    listing = page_text(client_for(member).get("/notifications/"))
    assert "Lena Vogel and 1 other person liked your post" in listing


def test_liking_again_after_taking_it_back_adds_no_second_notification(
    member: Member, reply: Post
) -> None:
    fan = make_member(display_name="Amaru Quispe")
    like_post(fan, reply)
    unlike_post(fan, reply)
    Notification.objects.update(read_at=reply.created_at)  # the author has seen it

    like_post(fan, reply)

    assert Notification.objects.filter(recipient=member).count() == 1


def test_a_report_tells_the_author_without_naming_who_made_it(member: Member, reply: Post) -> None:
    reporter = make_member(display_name="Zed Reporter")
    second = make_member(display_name="Yara Reporter")
    data = {"reason": FlagReason.OFF_TOPIC, "note": "Zed thinks this is off topic"}
    client_for(reporter).post(f"/forums/p/{reply.pk}/flag/", data)
    client_for(second).post(f"/forums/p/{reply.pk}/flag/", {"reason": FlagReason.SPAM})

    note = Notification.objects.get(recipient=member)
    assert note.kind == Kind.POST_FLAGGED
    assert note.actor is None
    listing = page_text(client_for(member).get("/notifications/"))
    assert "was flagged for review" in listing
    assert "Zed" not in listing
    assert "Yara" not in listing


def test_hiding_a_post_tells_its_author_why_and_withdraws_its_replies(
    commit: Commit, facilitator: Member, member: Member, other_member: Member, thread: Thread
) -> None:
    Subscription.objects.create(member=other_member, thread=thread)
    with commit():
        post = post_reply(member, thread, body="Something rude.")
    assert Notification.objects.filter(recipient=other_member, kind=Kind.REPLY).exists()

    with commit():
        hide_post(facilitator, post, reason="Personal attack")

    assert not Notification.objects.filter(recipient=other_member).exists()
    note = Notification.objects.get(recipient=member)
    assert note.kind == Kind.POST_HIDDEN
    assert note.snippet == "Personal attack"
    assert note.actor is None  # "a facilitator", not which one
    assert note.url == f"/forums/p/{post.pk}/"


def test_hiding_a_first_post_points_its_author_to_the_forum(
    commit: Commit, facilitator: Member, other_member: Member, thread: Thread
) -> None:
    first = Post.objects.get(thread=thread, position=1)

    with commit():
        hide_post(facilitator, first, reason="Spam")

    note = Notification.objects.get(recipient=other_member)
    assert (note.kind, note.url) == (Kind.POST_HIDDEN, f"/forums/{thread.forum.slug}/")


def test_deleting_ones_post_withdraws_what_it_told(
    commit: Commit, member: Member, other_member: Member, thread: Thread
) -> None:
    Subscription.objects.create(member=other_member, thread=thread)
    with commit():
        post = post_reply(member, thread, body="Wrong thread, sorry.")

    with commit():
        delete_own_post(member, post)

    assert not Notification.objects.exists()


def test_hiding_a_thread_withdraws_its_recent_posts_notifications(
    commit: Commit, facilitator: Member, member: Member, other_member: Member, thread: Thread
) -> None:
    Subscription.objects.create(member=other_member, thread=thread)
    with commit():
        post_reply(member, thread, body="One")
        post_reply(member, thread, body="Two")
    assert Notification.objects.count() == 2

    with commit():
        hide_thread(facilitator, thread, reason="Off topic for this forum")

    assert not Notification.objects.exists()


def test_moving_a_thread_to_a_closed_forum_withdraws_its_held_mail(
    commit: Commit, facilitator: Member, member: Member, other_member: Member, thread: Thread
) -> None:
    Subscription.objects.create(member=other_member, thread=thread)
    with commit():
        post_reply(member, thread, body="Our budget figures.")
    open_forum = make_forum(title="Open to all")
    closed = make_forum(title="Facilitators room", read_access=Access.FACILITATORS)

    with commit():
        move_thread(facilitator, thread, forum_id=open_forum.pk, reason="Better place")
    assert Notification.objects.count() == 1  # as widely read as before: kept

    with commit():
        move_thread(facilitator, thread, forum_id=closed.pk, reason="Sensitive")
    assert not Notification.objects.exists()


def test_the_send_now_button_shows_only_to_the_author_while_editing_is_open(
    commit: Commit, member_client: Client, thread: Thread, member: Member
) -> None:
    with commit():
        post_reply(member, thread, body="Fresh")
    button = f'action="/forums/p/{thread.last_post_id}/send-now/"'

    own_view = page_text(member_client.get(f"/forums/t/{thread.pk}/"))
    others_view = page_text(client_for(make_member()).get(f"/forums/t/{thread.pk}/"))
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        later_view = page_text(member_client.get(f"/forums/t/{thread.pk}/"))

    assert button in own_view
    assert "Send notifications now" in own_view
    assert button not in others_view
    assert button not in later_view


def test_a_facilitator_gets_the_button_for_their_own_post_only_within_the_window(
    commit: Commit, facilitator: Member, facilitator_client: Client, thread: Thread
) -> None:
    with commit():
        post_reply(facilitator, thread, body="From the facilitators")
    button = f'action="/forums/p/{thread.last_post_id}/send-now/"'
    opening = thread.posts.get(position=1)
    first_post = f'action="/forums/p/{opening.pk}/send-now/"'

    own_view = page_text(facilitator_client.get(f"/forums/t/{thread.pk}/"))
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        later_view = page_text(facilitator_client.get(f"/forums/t/{thread.pk}/"))

    assert button in own_view
    assert first_post not in own_view  # someone else's post, though they may edit it
    assert button not in later_view


def test_only_the_author_may_send_now(member: Member, reply: Post, other_member: Member) -> None:
    response = client_for(other_member).post(f"/forums/p/{reply.pk}/send-now/")

    assert response.status_code == 403


def test_a_like_taken_back_and_given_again_counts_once_in_the_batch(
    member: Member, reply: Post
) -> None:
    fan = make_member(display_name="Amaru Quispe")
    other = make_member(display_name="Lena Vogel")

    like_post(fan, reply)
    unlike_post(fan, reply)
    like_post(fan, reply)

    note = Notification.objects.get(recipient=member)
    assert note.count == 1
    listing = page_text(client_for(member).get("/notifications/"))
    assert "Amaru Quispe liked your post" in listing
    assert "other person" not in listing

    like_post(other, reply)  # joins the batch, then changes her mind twice
    unlike_post(other, reply)
    like_post(other, reply)

    note.refresh_from_db()
    assert note.count == 2
    listing = page_text(client_for(member).get("/notifications/"))
    assert "Lena Vogel and 1 other person liked your post" in listing


def test_an_edit_of_the_post_keeps_who_the_batch_counts(member: Member, reply: Post) -> None:
    fan = make_member(display_name="Amaru Quispe")
    other = make_member(display_name="Lena Vogel")
    like_post(fan, reply)
    like_post(other, reply)
    refresh_unsent(f"post:{reply.pk}", snippet="Edited.", params={"subject": "New title"})

    unlike_post(other, reply)
    like_post(other, reply)

    note = Notification.objects.get(recipient=member)
    assert (note.count, note.snippet, note.params["subject"]) == (2, "Edited.", "New title")


def test_a_like_already_seen_is_not_counted_again_in_a_newer_batch(
    member: Member, reply: Post
) -> None:
    fan = make_member(display_name="Amaru Quispe")
    other = make_member(display_name="Lena Vogel")
    like_post(fan, reply)
    Notification.objects.update(read_at=reply.created_at)  # the author has seen it
    like_post(other, reply)

    unlike_post(fan, reply)
    like_post(fan, reply)

    newer = Notification.objects.get(recipient=member, read_at__isnull=True)
    assert (newer.count, newer.actor) == (1, other)
    listing = page_text(client_for(member).get("/notifications/"))
    assert "Lena Vogel liked your post" in listing
    assert "other person" not in listing
