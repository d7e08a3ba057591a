"""Facilitators hide and restore posts (a soft delete with a reason)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.forums.models import Flag, FlagReason, ModerationLog, Post
from tertulia.forums.services.moderation_posts import hide_post, restore_post
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.forums.moderation_checks import assert_counters

pytestmark = pytest.mark.django_db


def _hide_url(post: Post) -> str:
    return reverse("post-moderate", kwargs={"post_id": post.pk, "action": "hide"})


def _restore_url(post: Post) -> str:
    return reverse("post-moderate", kwargs={"post_id": post.pk, "action": "restore"})


def test_hide_post_hides_it_with_reason_and_logs_who_what_when_why(
    facilitator: Member, facilitator_client: Client
) -> None:
    thread = make_thread()
    reply = add_post(thread=thread)
    last = add_post(thread=thread)

    response = facilitator_client.post(_hide_url(last), {"reason": "  Personal  attack "})

    assert response.status_code == 302
    last.refresh_from_db()
    assert last.is_hidden
    assert last.hidden_reason == "Personal attack"
    assert last.hidden_by == facilitator
    assert last.hidden_at is not None
    entry = ModerationLog.objects.get()
    assert (entry.actor, entry.action, entry.reason) == (
        facilitator,
        "hide_post",
        "Personal attack",
    )
    assert (entry.post, entry.thread, entry.forum) == (last, thread, thread.forum)
    assert entry.created_at is not None
    thread.refresh_from_db()
    assert thread.last_post_id == reply.pk
    assert_counters(thread)


def test_hide_post_resolves_its_open_flags(facilitator: Member) -> None:
    thread = make_thread()
    reply = add_post(thread=thread)
    Flag.objects.create(post=reply, member=make_member(), reason=FlagReason.SPAM)
    Flag.objects.create(post=reply, member=make_member(), reason=FlagReason.ABUSIVE)

    hide_post(facilitator, reply, reason="Spam link")

    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    assert set(Flag.objects.values_list("resolved_by", "resolution")) == {
        (facilitator.pk, "Spam link")
    }
    assert ModerationLog.objects.get().details["flags_resolved"] == 2


def test_hiding_the_first_post_hides_the_thread_and_restoring_brings_it_back(
    facilitator: Member,
) -> None:
    forum = make_forum()
    other = make_thread(forum=forum)
    thread = make_thread(forum=forum)
    add_post(thread=thread)

    hide_post(facilitator, thread.posts.get(position=1), reason="Advertising")

    thread.refresh_from_db()
    assert thread.is_hidden
    forum.refresh_from_db()
    assert forum.thread_count == 1
    assert_counters(thread, other)

    restore_post(facilitator, thread.posts.get(position=1), reason="Author explained")

    thread.refresh_from_db()
    assert not thread.is_hidden
    forum.refresh_from_db()
    assert forum.thread_count == 2
    assert_counters(thread, other)
    restore = ModerationLog.objects.get(action="restore_post")
    assert restore.details == {"hidden_reason": "Advertising", "thread_restored": True}
    assert restore.reason == "Author explained"


def test_restore_post_reverses_hide(facilitator: Member, facilitator_client: Client) -> None:
    thread = make_thread()
    reply = add_post(thread=thread)
    hide_post(facilitator, reply, reason="Off topic")

    response = facilitator_client.post(_restore_url(reply), {"reason": ""})

    assert response.status_code == 302
    reply.refresh_from_db()
    assert not reply.is_hidden
    assert (reply.hidden_reason, reply.hidden_by, reply.hidden_at) == ("", None, None)
    assert_counters(thread)
    assert list(ModerationLog.objects.values_list("action", flat=True)) == [
        "restore_post",
        "hide_post",
    ]


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_hide_post_without_reason_gives_a_message_and_saves_nothing(
    facilitator_client: Client, reason: str
) -> None:
    thread = make_thread()
    reply = add_post(thread=thread)

    response = facilitator_client.post(_hide_url(reply), {"reason": reason})

    assert response.status_code == 200
    assert "the reason goes in the moderation log" in response.content.decode()
    reply.refresh_from_db()
    assert not reply.is_hidden
    assert not ModerationLog.objects.exists()


def test_hide_post_service_refuses_an_empty_reason(facilitator: Member) -> None:
    reply = add_post(thread=make_thread())
    with pytest.raises(ValidationError):
        hide_post(facilitator, reply, reason=" ")
    reply.refresh_from_db()
    assert not reply.is_hidden


def test_hiding_a_hidden_post_is_refused(facilitator: Member, facilitator_client: Client) -> None:
    reply = add_post(thread=make_thread())
    hide_post(facilitator, reply, reason="Spam")

    response = facilitator_client.post(_hide_url(reply), {"reason": "Again"})

    assert "This post is already hidden." in response.content.decode()
    assert ModerationLog.objects.count() == 1


def test_members_and_visitors_cannot_hide_or_restore(member: Member, member_client: Client) -> None:
    reply = add_post(thread=make_thread())

    for client in (member_client, Client()):
        response = client.post(_hide_url(reply), {"reason": "Mine now"})
        assert response.status_code == 403
        assert "Only facilitators can moderate the forums." in response.content.decode()
        assert client.post(_restore_url(reply)).status_code == 403
    with pytest.raises(PermissionDenied):
        hide_post(member, reply, reason="Nope")
    reply.refresh_from_db()
    assert not reply.is_hidden
    assert not ModerationLog.objects.exists()


def test_hide_form_page_shows_the_post(facilitator_client: Client) -> None:
    reply = add_post(thread=make_thread(title="Budgets with a gender lens"), body="Buy cheap pills")

    response = facilitator_client.get(_hide_url(reply))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Buy cheap pills" in content
    assert "Budgets with a gender lens" in content
    assert 'name="reason"' in content
