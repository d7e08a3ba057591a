"""Which threads and posts a viewer may see, as filters the list queries share.

Posts waiting for approval are seen by their author and facilitators only. A thread
whose first post waits has no visible post yet (its last_post is empty), so it is
listed for its author and facilitators only. Hidden threads are for facilitators.
"""

from __future__ import annotations

from django.db.models import (
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.forums.models import Forum, ReadState, Subscription, Thread
from tertulia.forums.permissions import can_moderate, readable_forums_filter


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


def with_reading_state(threads: QuerySet[Thread], viewer: Viewer) -> QuerySet[Thread]:
    """Add viewer_last_read (None when never opened) and viewer_unread to each thread."""
    if not (isinstance(viewer, Member) and is_member(viewer)):
        return threads.annotate(
            viewer_last_read=Value(None, output_field=IntegerField()),
            viewer_unread=Value(0, output_field=IntegerField()),
        )
    last_read = ReadState.objects.filter(member=viewer, thread=OuterRef("pk")).values(
        "last_read_position"
    )[:1]
    return threads.annotate(
        viewer_last_read=Subquery(last_read, output_field=IntegerField()),
        viewer_unread=F("post_count") - Coalesce(Subquery(last_read), Value(0)),
    )


def with_thread_subscription(threads: QuerySet[Thread], viewer: Viewer) -> QuerySet[Thread]:
    if not (isinstance(viewer, Member) and is_member(viewer)):
        return threads.annotate(viewer_follows=Value(False))
    return threads.annotate(
        viewer_follows=Exists(Subscription.objects.filter(member=viewer, thread=OuterRef("pk")))
    )


def thread_list(threads: QuerySet[Thread], viewer: Viewer) -> QuerySet[Thread]:
    """What a row of a thread list shows: author, last post and its author, reading state."""
    return with_reading_state(
        threads.select_related("author", "forum", "last_post__author")
        .defer("last_post__body", "last_post__body_html")
        .prefetch_related("tags"),
        viewer,
    )
