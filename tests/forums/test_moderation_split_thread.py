"""Facilitators split posts off a thread into a new thread."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.forums.models import ModerationLog, Post, ReadState, Thread
from tertulia.forums.services.moderation_restructure import split_thread
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.forums.moderation_checks import assert_counters

pytestmark = pytest.mark.django_db


def _split_url(thread: Thread) -> str:
    return reverse("thread-split", kwargs={"thread_id": thread.pk})


def _thread_of(replies: int) -> tuple[Thread, list[Post]]:
    thread = make_thread(forum=make_forum(title="General"), title="Training methods")
    posts = [thread.posts.get()] + [
        add_post(thread=thread, body=f"Reply {n}") for n in range(1, replies + 1)
    ]
    return thread, posts


def test_split_moves_posts_to_a_new_thread_and_renumbers_both(
    facilitator: Member, facilitator_client: Client
) -> None:
    thread, posts = _thread_of(5)
    other_forum = make_forum(title="Resources")
    chosen = [posts[2], posts[4], posts[5]]  # positions 3, 5, 6

    response = facilitator_client.post(
        _split_url(thread),
        {
            "split-posts": [str(post.pk) for post in chosen],
            "split-title": "  Role-play   exercises ",
            "split-forum": str(other_forum.pk),
            "split-reason": "A topic of its own",
        },
    )

    new_thread = Thread.objects.get(title="Role-play exercises")
    assert response.status_code == 302
    assert response["Location"] == reverse("thread-moderate", kwargs={"thread_id": new_thread.pk})
    assert new_thread.forum == other_forum
    assert new_thread.author_id == chosen[0].author_id
    assert list(new_thread.posts.order_by("position").values_list("pk", "position")) == [
        (chosen[0].pk, 1),
        (chosen[1].pk, 2),
        (chosen[2].pk, 3),
    ]
    assert list(thread.posts.order_by("position").values_list("pk", "position")) == [
        (posts[0].pk, 1),
        (posts[1].pk, 2),
        (posts[3].pk, 3),
    ]
    assert_counters(thread, new_thread)
    entry = ModerationLog.objects.get()
    assert (entry.actor, entry.action, entry.reason) == (
        facilitator,
        "split_thread",
        "A topic of its own",
    )
    assert entry.thread == thread
    assert entry.details["new_thread"] == new_thread.pk
    assert entry.details["posts"] == [post.pk for post in chosen]


def test_split_into_the_same_forum_adds_a_thread_there(facilitator: Member) -> None:
    thread, posts = _thread_of(3)
    reader = make_member()
    ReadState.objects.create(member=reader, thread=thread, last_read_position=4)

    new_thread = split_thread(
        facilitator,
        thread,
        post_ids=[posts[3].pk],
        title="Follow-up",
        forum_id=thread.forum_id,
        reason="Tangent",
    )

    thread.forum.refresh_from_db()
    assert thread.forum.thread_count == 2
    assert_counters(thread, new_thread)
    assert ReadState.objects.get(member=reader).last_read_position == 3


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("first", "The first post opens the thread and cannot be split off."),
        ("none", "Choose the posts to move into the new thread."),
        ("foreign", "Some of the chosen posts are not in this thread."),
        ("no-title", "Give the new thread a title."),
        ("no-reason", "the reason goes in the moderation log"),
        ("no-forum", "That forum does not exist. Choose one from the list."),
        ("hidden-first", "The new thread cannot open with a hidden or unapproved post."),
    ],
)
def test_bad_input_gives_a_message_and_saves_nothing(
    facilitator_client: Client, case: str, message: str
) -> None:
    thread, posts = _thread_of(3)
    Post.objects.filter(pk=posts[3].pk).update(is_hidden=True, hidden_reason="spam")
    foreign = add_post(thread=make_thread())
    chosen = {
        "first": [posts[0], posts[1]],
        "none": [],
        "foreign": [posts[1], foreign],
        "hidden-first": [posts[3]],
    }.get(case, [posts[2]])
    data = {
        "split-posts": [str(post.pk) for post in chosen],
        "split-title": "" if case == "no-title" else "New topic",
        "split-forum": "999999" if case == "no-forum" else str(thread.forum_id),
        "split-reason": "" if case == "no-reason" else "Tangent",
    }
    before = list(Post.objects.order_by("pk").values_list("pk", "thread_id", "position"))

    response = facilitator_client.post(_split_url(thread), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(Post.objects.order_by("pk").values_list("pk", "thread_id", "position")) == before
    assert Thread.objects.count() == 2
    assert not ModerationLog.objects.exists()
    if chosen and case != "foreign":
        # The ticks survive the error, so the facilitator need not choose again.
        assert f'value="{chosen[-1].pk}" id="split-post-{chosen[-1].pk}" checked' in (
            response.content.decode()
        )


def test_members_and_visitors_cannot_split(member: Member, member_client: Client) -> None:
    thread, posts = _thread_of(2)
    data = {
        "split-posts": [str(posts[2].pk)],
        "split-title": "Mine",
        "split-forum": str(thread.forum_id),
        "split-reason": "x",
    }

    for client in (member_client, Client()):
        assert client.post(_split_url(thread), data).status_code == 403
    with pytest.raises(PermissionDenied):
        split_thread(
            member,
            thread,
            post_ids=[posts[2].pk],
            title="Mine",
            forum_id=thread.forum_id,
            reason="x",
        )
    assert Thread.objects.count() == 1
