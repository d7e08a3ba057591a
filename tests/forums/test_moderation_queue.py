"""The moderation queue: reported posts and posts waiting for approval, and their actions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.forums.models import Flag, FlagReason, ModerationLog, Post, Thread
from tertulia.forums.services.moderation_flags import dismiss_flags, flag_post
from tertulia.forums.services.moderation_posts import approve_post, reject_post, restore_post
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.forums.moderation_checks import assert_counters

pytestmark = pytest.mark.django_db

QUEUE = "/forums/moderation/"


def _action_url(post: Post, action: str) -> str:
    return reverse("post-moderate", kwargs={"post_id": post.pk, "action": action})


def test_queue_groups_open_flags_by_post(facilitator_client: Client) -> None:
    assert reverse("moderation-queue") == QUEUE
    thread = make_thread(title="Working with men and boys")
    post = add_post(thread=thread, body="Buy followers at example.com")
    first, second = (
        make_member(display_name="Ana Reporter"),
        make_member(display_name="Ben Reporter"),
    )
    flag_post(first, post, reason=FlagReason.SPAM, note="Link farm")
    flag_post(second, post, reason=FlagReason.OFF_TOPIC)

    content = facilitator_client.get(QUEUE).content.decode()

    assert "1 reported post" in content
    assert content.count("Buy followers at example.com") == 1
    assert "Spam or advertising" in content
    assert "Off topic" in content
    assert "Ana Reporter" in content
    assert "Ben Reporter" in content
    assert "Link farm" in content
    assert "Working with men and boys" in content
    assert reverse("post-permalink", kwargs={"post_id": post.pk}) in content


def test_queue_lists_posts_waiting_for_approval(facilitator_client: Client) -> None:
    thread = make_thread()
    add_post(thread=thread, body="My first words here", is_approved=False)
    add_post(thread=thread, body="Already rejected", is_approved=False, is_hidden=True)

    content = facilitator_client.get(QUEUE).content.decode()

    assert "1 post waiting for approval" in content
    assert "My first words here" in content
    assert "Already rejected" not in content


def test_dismissing_flags_resolves_them_with_the_resolution(
    facilitator: Member, facilitator_client: Client
) -> None:
    post = add_post(thread=make_thread())
    flag_post(make_member(), post, reason=FlagReason.ABUSIVE)

    response = facilitator_client.post(
        _action_url(post, "dismiss"), {"reason": "Strong words, but fair", "next": QUEUE}
    )

    assert response.status_code == 302
    assert response["Location"] == QUEUE
    flag = Flag.objects.get()
    assert flag.resolved_by == facilitator
    assert flag.resolution == "Strong words, but fair"
    assert flag.resolved_at is not None
    post.refresh_from_db()
    assert not post.is_hidden
    entry = ModerationLog.objects.get()
    assert (entry.actor, entry.action, entry.post, entry.reason) == (
        facilitator,
        "dismiss_flags",
        post,
        "Strong words, but fair",
    )
    assert "0 reported posts" in facilitator_client.get(QUEUE).content.decode()


def test_dismissing_needs_a_resolution_and_open_flags(
    facilitator: Member, facilitator_client: Client
) -> None:
    post = add_post(thread=make_thread())
    flag_post(make_member(), post, reason=FlagReason.SPAM)

    response = facilitator_client.post(_action_url(post, "dismiss"), {"reason": " "})

    assert "the reason goes in the moderation log" in response.content.decode()
    assert Flag.objects.filter(resolved_at__isnull=True).count() == 1
    dismiss_flags(facilitator, post, resolution="Fine")
    again = facilitator_client.post(_action_url(post, "dismiss"), {"reason": "Fine"})
    assert "This post has no open reports." in again.content.decode()
    assert ModerationLog.objects.count() == 1


def test_hiding_from_the_queue_resolves_the_flags(facilitator_client: Client) -> None:
    post = add_post(thread=make_thread())
    flag_post(make_member(), post, reason=FlagReason.SPAM)

    facilitator_client.post(_action_url(post, "hide"), {"reason": "Spam", "next": QUEUE})

    post.refresh_from_db()
    assert post.is_hidden
    assert Flag.objects.get().resolution == "Spam"


def test_approving_publishes_the_post_and_counts_it(
    facilitator: Member, facilitator_client: Client
) -> None:
    thread = make_thread()
    held = add_post(thread=thread, is_approved=False)
    # Held posts count nowhere until approved (as the posting service keeps them).
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=0, last_post=thread.posts.get(position=1)
    )
    thread.forum.__class__.objects.filter(pk=thread.forum_id).update(post_count=1)

    response = facilitator_client.post(_action_url(held, "approve"), {"next": QUEUE})

    assert response.status_code == 302
    held.refresh_from_db()
    assert held.is_approved
    thread.refresh_from_db()
    assert (thread.reply_count, thread.last_post_id) == (1, held.pk)
    assert_counters(thread)
    entry = ModerationLog.objects.get()
    assert (entry.actor, entry.action, entry.post) == (facilitator, "approve_post", held)


def test_approving_a_new_thread_counts_it_in_the_forum(facilitator: Member) -> None:
    forum = make_forum()
    thread = make_thread(forum=forum)
    Post.objects.filter(thread=thread).update(is_approved=False)

    approve_post(facilitator, thread.posts.get())

    forum.refresh_from_db()
    assert (forum.thread_count, forum.post_count) == (1, 1)
    assert_counters(thread)


def test_rejecting_hides_with_a_reason_and_restoring_returns_it_to_the_queue(
    facilitator: Member, facilitator_client: Client
) -> None:
    thread = make_thread()
    held = add_post(thread=thread, is_approved=False)

    empty = facilitator_client.post(_action_url(held, "reject"), {"reason": ""})
    assert "the reason goes in the moderation log" in empty.content.decode()
    held.refresh_from_db()
    assert not held.is_hidden

    reject_post(facilitator, held, reason="Advertising")

    held.refresh_from_db()
    assert (held.is_hidden, held.is_approved, held.hidden_reason) == (True, False, "Advertising")
    assert "0 posts waiting for approval" in facilitator_client.get(QUEUE).content.decode()
    assert ModerationLog.objects.get().action == "reject_post"
    restore_post(facilitator, held)
    assert "1 post waiting for approval" in facilitator_client.get(QUEUE).content.decode()
    assert_counters(thread)


def test_approving_twice_or_a_rejected_post_is_refused(
    facilitator: Member, facilitator_client: Client
) -> None:
    thread = make_thread()
    published = add_post(thread=thread)
    rejected = add_post(thread=thread, is_approved=False)
    reject_post(facilitator, rejected, reason="Spam")

    first = facilitator_client.post(_action_url(published, "approve"))
    second = facilitator_client.post(_action_url(rejected, "approve"))

    assert "This post is not waiting for approval." in first.content.decode()
    assert "Restore it to put it back in the queue." in second.content.decode()
    assert ModerationLog.objects.count() == 1


@pytest.mark.parametrize("action", ["dismiss", "hide", "restore", "approve", "reject"])
def test_members_and_visitors_are_refused(member_client: Client, action: str) -> None:
    post = add_post(thread=make_thread(), is_approved=False)

    for client in (member_client, Client()):
        assert client.get(QUEUE).status_code == 403
        assert client.post(_action_url(post, action), {"reason": "x"}).status_code == 403
    assert not ModerationLog.objects.exists()
    post.refresh_from_db()
    assert (post.is_approved, post.is_hidden) == (False, False)


def test_unknown_post_action_is_not_found(facilitator_client: Client) -> None:
    post = add_post(thread=make_thread())
    assert facilitator_client.post(_action_url(post, "delete")).status_code == 404


def test_queue_query_count_does_not_grow_with_items(facilitator_client: Client) -> None:
    forum = make_forum()
    reporters = [make_member() for _ in range(3)]

    def queries_with(items: int) -> int:
        Post.objects.all().delete()
        for n in range(items):
            thread = make_thread(forum=forum, title=f"Thread {n}")
            flagged = add_post(thread=thread)
            for reporter in reporters[: n % 3 + 1]:
                flag_post(reporter, flagged, reason=FlagReason.SPAM, note="note")
            add_post(thread=thread, is_approved=False)
        facilitator_client.get(QUEUE)  # warm the site-settings cache
        with CaptureQueriesContext(connection) as context:
            response = facilitator_client.get(QUEUE)
        assert response.status_code == 200
        assert f"{items} reported posts" in response.content.decode()
        return len(context)

    # session, member, flagged count and page, their flags, held count and page
    assert queries_with(5) == queries_with(50) == 7
