"""Which threads and posts a viewer may see, as filters the list queries share.

Posts waiting for approval are seen by their author and facilitators only. A thread
whose first post waits has no visible post yet (its last_post is empty), so it is
listed for its author and facilitators only. Hidden threads are for facilitators.
"""

from __future__ import annotations

from django.db.models import IntegerField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.forums.models import Forum, ReadState, Thread
from tertulia.forums.permissions import can_moderate, readable_forums_filter
from tertulia.forums.queries.sql import model_sql


def readable_forums(viewer: Viewer) -> QuerySet[Forum]:
    return Forum.objects.filter(readable_forums_filter(viewer))


def visible_threads_filter(viewer: Viewer) -> Q:
    """Threads a viewer may see in a forum they may read."""
    if can_moderate(viewer):
        return Q()
    seen = Q(last_post__isnull=False)
    if isinstance(viewer, Member) and is_member(viewer):
        seen |= Q(author=viewer)
    return Q(is_hidden=False) & seen


def visible_posts_filter(viewer: Viewer) -> Q:
    """Posts shown in a thread (hidden ones as placeholders; unapproved ones to few)."""
    if can_moderate(viewer):
        return Q()
    if isinstance(viewer, Member) and is_member(viewer):
        return Q(is_approved=True) | Q(author=viewer)
    return Q(is_approved=True)


def _member_id(viewer: Viewer) -> int | None:
    return viewer.pk if isinstance(viewer, Member) and is_member(viewer) else None


def with_reading_state(threads: QuerySet[Thread], viewer: Viewer) -> QuerySet[Thread]:
    """Add viewer_last_read (None when never opened) and viewer_unread to each thread.

    The member's read mark is looked up beside each thread as SQL (see sql.py): as a
    Subquery the ORM would spend more building it than SQLite running it.
    """
    member_id = _member_id(viewer)
    if member_id is None:
        return threads.annotate(
            viewer_last_read=Value(None, output_field=IntegerField()),
            viewer_unread=Value(0, output_field=IntegerField()),
        )
    listed = model_sql(Thread, "{table}.{id}")
    last_read = model_sql(
        ReadState,
        "SELECT {last_read_position} FROM {table} WHERE {member} = %s AND {thread} = {listed}",
        listed=listed,
    )
    post_count = model_sql(Thread, "{table}.{post_count}")
    return threads.annotate(
        viewer_last_read=RawSQL(f"({last_read})", (member_id,), output_field=IntegerField()),  # noqa: S611  # names from the models, the id a parameter
        viewer_unread=RawSQL(  # noqa: S611  # as above
            f"{post_count} - COALESCE(({last_read}), 0)", (member_id,), output_field=IntegerField()
        ),
    )


def visible_to_everyone() -> Q:
    """Threads every reader of their forum sees (what visible_threads_filter keeps for a
    visitor, and for a member with no thread of their own waiting for approval)."""
    return Q(is_hidden=False, last_post__isnull=False)


def thread_rows(threads: QuerySet[Thread]) -> QuerySet[Thread]:
    """What a row of a thread list shows, the viewer's reading state aside."""
    return (
        threads.select_related("author", "forum", "last_post__author")
        .defer("last_post__body", "last_post__body_html")
        .prefetch_related("tags")
    )


def thread_list(threads: QuerySet[Thread], viewer: Viewer) -> QuerySet[Thread]:
    """What a row of a thread list shows: author, last post and its author, reading state."""
    return with_reading_state(thread_rows(threads), viewer)
