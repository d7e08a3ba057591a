"""Facilitators lock, pin, hide and restore whole threads, from the thread's moderation page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.forums.models import ModerationLog, Thread
from tertulia.forums.services.moderation_posts import hide_post
from tertulia.forums.services.moderation_threads import hide_thread, lock_thread, pin_thread
from tests.factories import add_post, make_forum, make_thread
from tests.forums.moderation_checks import assert_counters

pytestmark = pytest.mark.django_db


def _action_url(thread: Thread, action: str) -> str:
    return reverse("thread-moderate-action", kwargs={"thread_id": thread.pk, "action": action})


@pytest.mark.parametrize(
    ("action", "field", "before", "after"),
    [
        ("lock", "is_locked", False, True),
        ("unlock", "is_locked", True, False),
        ("pin", "is_pinned", False, True),
        ("unpin", "is_pinned", True, False),
    ],
)
def test_lock_unlock_pin_unpin_change_the_thread_and_are_logged(
    facilitator: Member,
    facilitator_client: Client,
    action: str,
    field: str,
    before: bool,
    after: bool,
) -> None:
    thread = make_thread(**{field: before})

    response = facilitator_client.post(
        _action_url(thread, action), {f"{action}-reason": "Welcome thread"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("thread-moderate", kwargs={"thread_id": thread.pk})
    thread.refresh_from_db()
    assert getattr(thread, field) is after
    entry = ModerationLog.objects.get()
    assert (entry.actor, entry.action, entry.reason) == (
        facilitator,
        f"{action}_thread",
        "Welcome thread",
    )
    assert (entry.thread, entry.forum) == (thread, thread.forum)


def test_locking_a_locked_thread_says_so_and_logs_nothing(
    facilitator: Member, facilitator_client: Client
) -> None:
    thread = make_thread()
    lock_thread(facilitator, thread)

    response = facilitator_client.post(_action_url(thread, "lock"), {}, follow=True)

    assert response.status_code == 200
    assert "This thread is already locked." in response.content.decode()
    assert ModerationLog.objects.count() == 1


def test_hide_and_restore_a_thread_adjust_the_forum_counts(
    facilitator: Member, facilitator_client: Client
) -> None:
    forum = make_forum()
    kept = make_thread(forum=forum)
    thread = make_thread(forum=forum)
    add_post(thread=thread)
    add_post(thread=thread)

    facilitator_client.post(_action_url(thread, "hide"), {"hide-reason": "Duplicate of another"})

    thread.refresh_from_db()
    forum.refresh_from_db()
    assert thread.is_hidden
    assert (forum.thread_count, forum.post_count) == (1, 1)
    assert forum.last_post_id == kept.last_post_id
    assert_counters(thread, kept)

    facilitator_client.post(_action_url(thread, "restore"), {"restore-reason": ""})

    thread.refresh_from_db()
    forum.refresh_from_db()
    assert not thread.is_hidden
    assert (forum.thread_count, forum.post_count) == (2, 4)
    assert_counters(thread, kept)
    assert list(ModerationLog.objects.values_list("action", "reason")) == [
        ("restore_thread", ""),
        ("hide_thread", "Duplicate of another"),
    ]


def test_restoring_a_thread_hidden_by_its_first_post_restores_that_post(
    facilitator: Member,
) -> None:
    thread = make_thread()
    first = thread.posts.get(position=1)
    hide_post(facilitator, first, reason="Spam")

    from tertulia.forums.services.moderation_threads import restore_thread

    restore_thread(facilitator, thread)

    first.refresh_from_db()
    assert not first.is_hidden
    assert_counters(thread)


def test_hide_thread_needs_a_reason(facilitator_client: Client) -> None:
    thread = make_thread()

    response = facilitator_client.post(_action_url(thread, "hide"), {"hide-reason": "  "})

    assert response.status_code == 200
    assert "the reason goes in the moderation log" in response.content.decode()
    thread.refresh_from_db()
    assert not thread.is_hidden
    assert not ModerationLog.objects.exists()


@pytest.mark.parametrize("action", ["lock", "unlock", "pin", "unpin", "hide", "restore"])
def test_members_and_visitors_are_refused(member_client: Client, action: str) -> None:
    thread = make_thread(is_locked=True, is_pinned=True)
    Thread.objects.filter(pk=thread.pk).update(is_hidden=action == "restore")

    for client in (member_client, Client()):
        response = client.post(_action_url(thread, action), {f"{action}-reason": "x"})
        assert response.status_code == 403
    assert (
        member_client.get(reverse("thread-moderate", kwargs={"thread_id": thread.pk})).status_code
        == 403
    )
    assert not ModerationLog.objects.exists()


def test_unknown_action_is_not_found(facilitator_client: Client) -> None:
    thread = make_thread()
    assert facilitator_client.post(_action_url(thread, "explode")).status_code == 404


def test_thread_page_shows_the_tools_in_a_constant_number_of_queries(
    facilitator: Member, facilitator_client: Client
) -> None:
    def queries_for(replies: int) -> int:
        thread = make_thread(title=f"Thread with {replies}")
        for _ in range(replies):
            add_post(thread=thread)
        for _ in range(replies // 5):
            pin_thread(facilitator, thread)
            hide_thread(facilitator, thread, reason="check")
            Thread.objects.filter(pk=thread.pk).update(is_pinned=False, is_hidden=False)
        url = reverse("thread-moderate", kwargs={"thread_id": thread.pk})
        facilitator_client.get(url)  # warm the site-settings cache
        with CaptureQueriesContext(connection) as context:
            response = facilitator_client.get(url)
        assert response.status_code == 200
        assert "Split posts into a new thread" in response.content.decode()
        return len(context)

    assert queries_for(5) == queries_for(50) == 6  # session, member, thread, forums, posts, log
