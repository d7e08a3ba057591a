"""What members have read, and how often threads are viewed.

A member's read state moves forward only (reading page 1 again after page 3 keeps the
mark at page 3). View counts live in the cache and reach the database once every
VIEW_FLUSH_EVERY views, so reading a thread writes nothing for visitors.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import ReadState, Thread
from tertulia.forums.services import revisions

VIEW_FLUSH_EVERY = 10


def _views_key(thread_id: int) -> str:
    return f"forums:thread-views:{thread_id}"


def record_thread_view(thread: Thread) -> int:
    """Count one view; return the count to show, this view included.

    `thread.view_count` is the value the page loaded, before any flush this view makes.
    """
    key = _views_key(thread.pk)
    cache.add(key, 0, timeout=None)
    try:
        views = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=None)
        views = 1
    # Each value is returned by exactly one incr, so exactly one request flushes a batch.
    pending = views % VIEW_FLUSH_EVERY
    if pending == 0:
        Thread.objects.filter(pk=thread.pk).update(view_count=F("view_count") + VIEW_FLUSH_EVERY)
        revisions.forum_changed(thread.forum_id)  # thread lists show the view counts
        pending = VIEW_FLUSH_EVERY
    return thread.view_count + pending


def mark_read(member: Member, thread: Thread, *, position: int, previous: int | None) -> None:
    """Move the member's mark to `position` if that is further than `previous`.

    `previous` is the mark the page already loaded (None when there was none), so the
    common case, re-reading a page, costs no query at all.
    """
    if previous is not None and previous >= position:
        return
    now = timezone.now()
    if previous is None:
        state, created = ReadState.objects.get_or_create(
            member=member,
            thread=thread,
            defaults={"last_read_position": position, "read_at": now},
        )
        if created or state.last_read_position >= position:
            return
    ReadState.objects.filter(member=member, thread=thread, last_read_position__lt=position).update(
        last_read_position=position, read_at=now
    )
