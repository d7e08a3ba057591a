"""Revision numbers that tell cached forum pages they are out of date.

`Thread.revision` goes up whenever anything a thread's pages show of its posts changes:
a post added, edited, hidden, approved, liked, moved or renumbered, an author's name or
picture. `Forum.revision` goes up whenever the forum's row in the index or a row of its
thread list would read differently: a new post or thread, a title, a pin, a lock, view
counts, an author's name.

The cached fragments (forums/fragments/) are keyed by these numbers, read from the
database with the page's own rows, so a write never has to find and delete cache
entries: the next reader asks for a key that does not exist yet and renders afresh.
That holds with a cache per process (the default local-memory cache, one per gunicorn
worker) as well as with a shared one. Call these inside the write's transaction.
"""

from __future__ import annotations

from django.db.models import F, Q

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Post, Thread


def thread_changed(*thread_ids: int | None) -> None:
    """What these threads' pages show of their posts has changed."""
    ids = {thread_id for thread_id in thread_ids if thread_id is not None}
    if ids:
        Thread.objects.filter(pk__in=ids).update(revision=F("revision") + 1)


def forum_changed(*forum_ids: int | None) -> None:
    """These forums' rows in the index, or rows of their thread lists, have changed."""
    ids = {forum_id for forum_id in forum_ids if forum_id is not None}
    if ids:
        Forum.objects.filter(pk__in=ids).update(revision=F("revision") + 1)


def member_shown_changed(member_id: int) -> None:
    """A member's name or picture changed: every page that shows them must render again.

    The threads they started or wrote in (or whose posts answer theirs), and those
    threads' forums (a forum row shows the author of its last post, a thread row its
    author and the author of its last post). Rare: members edit their profile now and
    then, and one who has written nothing changes nothing here.
    """
    posts = Post.objects.filter(Q(author_id=member_id) | Q(reply_to__author_id=member_id))
    threads = Thread.objects.filter(Q(author_id=member_id) | Q(pk__in=posts.values("thread")))
    forum_ids = set(threads.values_list("forum_id", flat=True).distinct())
    threads.update(revision=F("revision") + 1)
    forum_changed(*forum_ids)


# Member fields that forum pages show beside what members wrote.
SHOWN_MEMBER_FIELDS = frozenset({"display_name", "avatar"})


def member_saved(
    sender: type[Member],
    instance: Member,
    created: bool,
    update_fields: frozenset[str] | None,
    raw: bool = False,
    **kwargs: object,
) -> None:
    """post_save receiver (connected in apps.py): a saved member may have a new name or picture.

    Saves that name their fields and leave these out (the last sign-in time, the time
    zone) change nothing shown; a new member has written nothing yet; fixtures (raw)
    are loaded before anything is shown.
    """
    if created or raw:
        return
    if update_fields is not None and not SHOWN_MEMBER_FIELDS & update_fields:
        return
    member_shown_changed(instance.pk)
