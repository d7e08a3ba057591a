"""Checks the moderation tests share: counters against a recount made from the posts.

The recount here is written independently of the services' own, so a shared mistake
cannot hide itself.
"""

from __future__ import annotations

from tertulia.forums.models import Forum, Post, Thread


def _visible(posts: list[Post]) -> list[Post]:
    return [post for post in posts if not post.is_hidden and post.is_approved]


def assert_positions_contiguous(thread: Thread) -> None:
    positions = list(
        Post.objects.filter(thread=thread).order_by("position").values_list("position", flat=True)
    )
    assert positions == list(range(1, len(positions) + 1))


def assert_thread_counters(thread: Thread) -> None:
    thread.refresh_from_db()
    posts = list(Post.objects.filter(thread=thread).order_by("position"))
    visible = _visible(posts)
    assert thread.post_count == len(posts)
    assert thread.reply_count == len([post for post in visible if post.position > 1])
    newest = max(visible, key=lambda post: (post.created_at, post.position), default=None)
    assert thread.last_post_id == (newest.pk if newest else None)


def assert_forum_counters(forum: Forum) -> None:
    forum.refresh_from_db()
    threads = []
    for thread in Thread.objects.filter(forum=forum, is_hidden=False):
        first = Post.objects.filter(thread=thread, position=1).first()
        if first is not None and first.is_approved:
            threads.append(thread)
    visible = _visible(list(Post.objects.filter(thread__in=threads)))
    assert forum.thread_count == len(threads)
    assert forum.post_count == len(visible)
    newest = max(visible, key=lambda post: (post.created_at, post.position), default=None)
    assert forum.last_post_id == (newest.pk if newest else None)


def assert_counters(*threads: Thread) -> None:
    for thread in threads:
        thread.refresh_from_db()
        assert_thread_counters(thread)
        assert_positions_contiguous(thread)
        assert_forum_counters(thread.forum)
