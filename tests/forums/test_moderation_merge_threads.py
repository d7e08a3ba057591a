"""Facilitators merge one thread into another."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import ModerationLog, Post, Subscription, Thread
from tertulia.forums.moderation_queries import merged_into
from tertulia.forums.services.moderation_restructure import merge_threads
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.forums.moderation_checks import assert_counters

pytestmark = pytest.mark.django_db


def _merge_url(thread: Thread) -> str:
    return reverse("thread-merge", kwargs={"thread_id": thread.pk})


def _threads_at(start: object) -> tuple[Thread, Thread, list[Post], list[Post]]:
    """B (target) with posts at hours 0, 2, 4; A (source) with posts at hours 1, 3, 5."""
    hour = timedelta(hours=1)
    target = make_thread(forum=make_forum(title="General"), title="Gender budgeting")
    source = make_thread(forum=make_forum(title="Resources"), title="Budget tools")
    Post.objects.filter(thread=target).update(created_at=start)
    Post.objects.filter(thread=source).update(created_at=start + hour)  # type: ignore[operator]
    b_posts = [target.posts.get()] + [
        add_post(thread=target, created_at=start + hour * n)
        for n in (2, 4)  # type: ignore[operator]
    ]
    a_posts = [source.posts.get()] + [
        add_post(thread=source, created_at=start + hour * n)
        for n in (3, 5)  # type: ignore[operator]
    ]
    return target, source, b_posts, a_posts


def test_merge_appends_the_posts_in_order_keeps_ids_and_hides_the_source(
    facilitator: Member, facilitator_client: Client
) -> None:
    target, source, b_posts, a_posts = _threads_at(timezone.now() - timedelta(days=1))

    response = facilitator_client.post(
        _merge_url(source), {"merge-target": str(target.pk), "merge-reason": "Same question"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("thread-moderate", kwargs={"thread_id": target.pk})
    merged = list(Post.objects.filter(thread=target).order_by("position"))
    assert [post.pk for post in merged] == [p.pk for p in b_posts + a_posts]
    assert [post.position for post in merged] == [1, 2, 3, 4, 5, 6]
    source.refresh_from_db()
    assert source.is_hidden
    assert not source.posts.exists()
    assert (source.post_count, source.reply_count, source.last_post_id) == (0, 0, None)
    target.refresh_from_db()
    assert target.reply_count == 5
    assert target.last_post_id == a_posts[-1].pk
    assert_counters(target, source)
    entry = ModerationLog.objects.get()
    assert (entry.actor, entry.action, entry.reason) == (
        facilitator,
        "merge_threads",
        "Same question",
    )
    assert entry.thread == source
    assert entry.details == {
        "merged_into": target.pk,
        "merged_into_title": "Gender budgeting",
        "posts": 3,
    }
    assert merged_into(source) == target.pk
    assert merged_into(target) is None


def test_merge_accepts_a_link_to_the_target_thread(facilitator_client: Client) -> None:
    target, source, _b, _a = _threads_at(timezone.now() - timedelta(days=1))
    link = "https://tertulia.example" + reverse("thread-detail", kwargs={"thread_id": target.pk})

    facilitator_client.post(_merge_url(source), {"merge-target": link, "merge-reason": "Same"})

    assert Post.objects.filter(thread=target).count() == 6


def test_merge_renumbers_a_target_with_gaps(facilitator: Member) -> None:
    target = make_thread()
    add_post(thread=target)
    gap = add_post(thread=target)
    Post.objects.filter(pk=gap.pk).update(position=7)
    source = make_thread()
    add_post(thread=source)

    merge_threads(facilitator, source, target_id=target.pk, reason="Same")

    assert_counters(target)
    assert target.posts.count() == 5


def test_followers_of_the_merged_thread_follow_the_target(facilitator: Member) -> None:
    target = make_thread()
    source = make_thread()
    both, only_source = make_member(), make_member()
    Subscription.objects.create(member=both, thread=target)
    Subscription.objects.create(member=both, thread=source)
    Subscription.objects.create(member=only_source, thread=source)

    merge_threads(facilitator, source, target_id=target.pk, reason="Same")

    assert set(Subscription.objects.filter(thread=target).values_list("member", flat=True)) == {
        both.pk,
        only_source.pk,
    }


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("self", "A thread cannot be merged into itself."),
        ("999999", "There is no thread number 999999."),
        ("hidden", "The thread to merge into is hidden. Restore it first."),
        ("not a thread", "Give the thread&#x27;s number (such as 42) or paste a link to it."),
        ("", "Give the number or the link of the other thread."),
    ],
)
def test_bad_targets_give_a_message_and_save_nothing(
    facilitator_client: Client, target: str, message: str
) -> None:
    source = make_thread()
    add_post(thread=source)
    hidden = make_thread(is_hidden=True)
    value = {"self": str(source.pk), "hidden": str(hidden.pk)}.get(target, target)

    response = facilitator_client.post(
        _merge_url(source), {"merge-target": value, "merge-reason": "Same topic"}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(source.posts.values_list("position", flat=True)) == [1, 2]
    source.refresh_from_db()
    assert not source.is_hidden
    assert not ModerationLog.objects.exists()


def test_merge_needs_a_reason(facilitator: Member, facilitator_client: Client) -> None:
    target, source = make_thread(), make_thread()

    response = facilitator_client.post(_merge_url(source), {"merge-target": str(target.pk)})

    assert "the reason goes in the moderation log" in response.content.decode()
    with pytest.raises(ValidationError):
        merge_threads(facilitator, source, target_id=target.pk, reason="")
    assert source.posts.count() == 1


def test_members_and_visitors_cannot_merge(member: Member, member_client: Client) -> None:
    target, source = make_thread(), make_thread()

    for client in (member_client, Client()):
        response = client.post(
            _merge_url(source), {"merge-target": str(target.pk), "merge-reason": "x"}
        )
        assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        merge_threads(member, source, target_id=target.pk, reason="x")
    assert source.posts.count() == 1
