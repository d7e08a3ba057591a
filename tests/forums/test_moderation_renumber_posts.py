"""Renumbering a thread's posts (used by merge and split) keeps positions unique and 1..n."""

from __future__ import annotations

import pytest

from tertulia.forums.models import Post
from tertulia.forums.services.moderation import renumber_posts
from tests.factories import add_post, make_thread

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "order",
    [
        [0, 1, 2, 3, 4, 5],  # already in place: nothing moves
        [5, 4, 3, 2, 1, 0],  # every post moves by a different step
        [0, 3, 4, 5, 1, 2],  # two stretches swap places
        [1, 0, 2, 3, 5, 4],
    ],
)
def test_renumber_puts_posts_in_the_given_order(order: list[int]) -> None:
    thread = make_thread()
    posts = [thread.posts.get()] + [add_post(thread=thread) for _ in range(5)]
    wanted = [posts[index].pk for index in order]

    renumber_posts(thread, wanted)

    assert (
        list(Post.objects.filter(thread=thread).order_by("position").values_list("pk", flat=True))
        == wanted
    )
    assert list(
        Post.objects.filter(thread=thread).order_by("position").values_list("position", flat=True)
    ) == [1, 2, 3, 4, 5, 6]


def test_renumber_closes_gaps() -> None:
    thread = make_thread()
    posts = [thread.posts.get()] + [add_post(thread=thread) for _ in range(3)]
    Post.objects.filter(pk=posts[2].pk).update(position=9)
    Post.objects.filter(pk=posts[3].pk).update(position=12)

    renumber_posts(thread, [post.pk for post in posts])

    assert list(
        Post.objects.filter(thread=thread).order_by("pk").values_list("position", flat=True)
    ) == [1, 2, 3, 4]
