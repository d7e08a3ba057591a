"""Facilitators move a thread to another forum."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.forums.models import ModerationLog, Thread
from tertulia.forums.services.moderation_threads import move_thread
from tests.factories import add_post, make_forum, make_thread
from tests.forums.moderation_checks import assert_counters

pytestmark = pytest.mark.django_db


def _move_url(thread: Thread) -> str:
    return reverse("thread-move", kwargs={"thread_id": thread.pk})


def test_move_thread_recounts_both_forums_and_is_logged(
    facilitator: Member, facilitator_client: Client
) -> None:
    source, target = make_forum(title="General"), make_forum(title="Announcements")
    already = make_thread(forum=target)
    staying = make_thread(forum=source)
    moving = make_thread(forum=source)
    add_post(thread=moving)

    response = facilitator_client.post(
        _move_url(moving), {"move-forum": target.pk, "move-reason": "Belongs with the news"}
    )

    assert response.status_code == 302
    moving.refresh_from_db()
    assert moving.forum == target
    source.refresh_from_db()
    target.refresh_from_db()
    assert (source.thread_count, source.post_count) == (1, 1)
    assert (target.thread_count, target.post_count) == (2, 3)
    assert source.last_post_id == staying.last_post_id
    assert target.last_post_id == moving.last_post_id
    assert_counters(moving, staying, already)
    entry = ModerationLog.objects.get()
    assert (entry.actor, entry.action, entry.reason) == (
        facilitator,
        "move_thread",
        "Belongs with the news",
    )
    assert (entry.thread, entry.forum) == (moving, target)
    assert entry.details["from_forum"] == source.pk


def test_moving_to_a_forum_that_does_not_exist_gives_a_message_and_saves_nothing(
    facilitator: Member, facilitator_client: Client
) -> None:
    thread = make_thread()
    forum = thread.forum
    make_forum()

    response = facilitator_client.post(
        _move_url(thread), {"move-forum": 999_999, "move-reason": "Elsewhere"}
    )

    assert response.status_code == 200
    assert "That forum does not exist." in response.content.decode()
    thread.refresh_from_db()
    assert thread.forum == forum
    assert not ModerationLog.objects.exists()
    with pytest.raises(ValidationError, match="does not exist"):
        move_thread(facilitator, thread, forum_id=999_999, reason="Elsewhere")


def test_moving_needs_a_reason_and_another_forum(
    facilitator: Member, facilitator_client: Client
) -> None:
    thread = make_thread()
    other = make_forum()

    response = facilitator_client.post(_move_url(thread), {"move-forum": other.pk})

    assert "the reason goes in the moderation log" in response.content.decode()
    with pytest.raises(ValidationError, match="already in this forum"):
        move_thread(facilitator, thread, forum_id=thread.forum_id, reason="Stay")
    thread.refresh_from_db()
    assert thread.forum != other
    assert not ModerationLog.objects.exists()


def test_members_and_visitors_cannot_move(member: Member, member_client: Client) -> None:
    thread = make_thread()
    other = make_forum()

    for client in (member_client, Client()):
        response = client.post(_move_url(thread), {"move-forum": other.pk, "move-reason": "x"})
        assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        move_thread(member, thread, forum_id=other.pk, reason="x")
    thread.refresh_from_db()
    assert thread.forum != other
