"""A member's own marks on what a page shows: where they stand in a thread (read mark,
subscription, own post, draft) or a forum, their likes and bookmarks on a page's posts,
their read marks on a list's threads. One small statement each, as SQL (see sql.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from tertulia.forums.models import (
    Bookmark,
    Draft,
    Post,
    Reaction,
    ReadState,
    Subscription,
    Thread,
)
from tertulia.forums.queries.sql import model_sql, placeholders


@dataclass(frozen=True)
class ThreadState:
    """Where a member stands in a thread; a visitor stands nowhere."""

    last_read: int | None = None  # the highest position read; None: never opened
    follows: bool = False
    has_posted: bool = False  # a visible post of theirs (Q&A forums: may read the answers)
    draft: str = ""


def thread_state(member_id: int, thread_id: int) -> ThreadState:
    """The member's read mark, subscription, visible post and draft in the thread, at once."""
    read = model_sql(
        ReadState, "SELECT {last_read_position} FROM {table} WHERE {member} = %s AND {thread} = %s"
    )
    follows = model_sql(Subscription, "SELECT 1 FROM {table} WHERE {member} = %s AND {thread} = %s")
    posted = model_sql(
        Post, "SELECT 1 FROM {table} WHERE {author} = %s AND {thread} = %s AND NOT {is_hidden}"
    )
    draft = model_sql(Draft, "SELECT {body} FROM {table} WHERE {member} = %s AND {thread} = %s")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ({read}), EXISTS ({follows}), EXISTS ({posted}), ({draft})",
            [member_id, thread_id] * 4,
        )
        last_read, follows_it, has_posted, body = cursor.fetchone()
    return ThreadState(
        last_read=last_read, follows=bool(follows_it), has_posted=bool(has_posted), draft=body or ""
    )


def forum_state(member_id: int, forum_id: int) -> tuple[bool, int]:
    """Whether the member follows the forum, and how many of their threads in it wait for
    their first post's approval (they see those in the list; the thread_waiting index)."""
    follows = model_sql(Subscription, "SELECT 1 FROM {table} WHERE {member} = %s AND {forum} = %s")
    waiting = model_sql(
        Thread,
        "SELECT COUNT(*) FROM {table} WHERE {author} = %s AND {forum} = %s "
        "AND NOT {is_hidden} AND {last_post} IS NULL",
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS ({follows}), ({waiting})", [member_id, forum_id] * 2)
        follows_it, waiting_count = cursor.fetchone()
    return bool(follows_it), int(waiting_count)


def likes_and_bookmarks(member_id: int, post_ids: Sequence[int]) -> tuple[set[int], set[int]]:
    """Which of these posts the member has liked, and which they have bookmarked."""
    if not post_ids:
        return set(), set()
    among = placeholders(len(post_ids))
    rows_of = "SELECT {kind}, {post} FROM {table} WHERE {member} = %s AND {post} IN ({among})"
    likes = model_sql(Reaction, rows_of, kind="'like'", among=among)
    bookmarks = model_sql(Bookmark, rows_of, kind="'bookmark'", among=among)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{likes} UNION ALL {bookmarks}", [member_id, *post_ids, member_id, *post_ids]
        )
        rows = cursor.fetchall()
    liked = {post_id for kind, post_id in rows if kind == "like"}
    bookmarked = {post_id for kind, post_id in rows if kind == "bookmark"}
    return liked, bookmarked


def read_marks(member_id: int, thread_ids: Sequence[int]) -> dict[int, int]:
    """How far the member has read each of these threads (absent: never opened)."""
    if not thread_ids:
        return {}
    sql = model_sql(
        ReadState,
        "SELECT {thread}, {last_read_position} FROM {table} "
        "WHERE {member} = %s AND {thread} IN ({among})",
        among=placeholders(len(thread_ids)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [member_id, *thread_ids])
        return dict(cursor.fetchall())
