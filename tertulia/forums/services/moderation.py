"""What every moderator action shares: who may act, the audit log, and counter recounts.

The actions themselves live beside this module, by what they act on:
`moderation_flags` (reports), `moderation_posts` (hide, restore, approve, reject),
`moderation_threads` (lock, pin, hide, move) and `moderation_restructure` (merge, split).

Moderator actions are rare, so after each one the counters it touches are recounted
from the rows rather than adjusted by +1/-1: a recount cannot drift, and it repairs
any drift that crept in before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.core.validators import validate_single_line_text
from tertulia.forums.models import Forum, ModerationLog, Post, Thread
from tertulia.forums.permissions import check_moderate
from tertulia.forums.services import revisions

REASON_MAX = 500


class ModerationAction(models.TextChoices):
    """The `action` written to the audit log, with the label the log page shows."""

    DISMISS_FLAGS = "dismiss_flags", gettext_lazy("Dismissed the reports on a post")
    HIDE_POST = "hide_post", gettext_lazy("Hid a post")
    RESTORE_POST = "restore_post", gettext_lazy("Restored a post")
    APPROVE_POST = "approve_post", gettext_lazy("Approved a post")
    REJECT_POST = "reject_post", gettext_lazy("Rejected a post")
    LOCK_THREAD = "lock_thread", gettext_lazy("Locked a thread")
    UNLOCK_THREAD = "unlock_thread", gettext_lazy("Unlocked a thread")
    PIN_THREAD = "pin_thread", gettext_lazy("Pinned a thread")
    UNPIN_THREAD = "unpin_thread", gettext_lazy("Unpinned a thread")
    HIDE_THREAD = "hide_thread", gettext_lazy("Hid a thread")
    RESTORE_THREAD = "restore_thread", gettext_lazy("Restored a thread")
    MOVE_THREAD = "move_thread", gettext_lazy("Moved a thread")
    MERGE_THREADS = "merge_threads", gettext_lazy("Merged two threads")
    SPLIT_THREAD = "split_thread", gettext_lazy("Split posts into a new thread")


def require_moderator(actor: Viewer) -> Member:
    """The acting facilitator; PermissionDenied for anyone else."""
    check_moderate(actor)
    assert isinstance(actor, Member)  # noqa: S101  # check_moderate lets only members through
    return actor


def clean_reason(reason: str, *, required: bool) -> str:
    """The reason as stored: whitespace folded; ValidationError when required and empty."""
    text = " ".join(reason.split())
    if required and not text:
        raise ValidationError(
            _("Say why, in a few words: the reason goes in the moderation log."), code="required"
        )
    if len(text) > REASON_MAX:
        raise ValidationError(
            _("Keep the reason under %(limit)d characters.") % {"limit": REASON_MAX},
            code="max_length",
        )
    validate_single_line_text(text)
    return text


def log_action(
    actor: Member,
    action: ModerationAction,
    *,
    reason: str = "",
    forum: Forum | None = None,
    thread: Thread | None = None,
    post: Post | None = None,
    details: dict[str, Any] | None = None,
) -> ModerationLog:
    if thread is not None and forum is None:
        forum = thread.forum
    # Every moderator action changes what some page shows; they are rare, so each one
    # simply makes the pages of its thread and forum render afresh.
    revisions.thread_changed(thread.pk if thread is not None else None)
    revisions.forum_changed(forum.pk if forum is not None else None)
    return ModerationLog.objects.create(
        actor=actor,
        action=action.value,
        forum=forum,
        thread=thread,
        post=post,
        reason=reason,
        details=details or {},
    )


def visible_posts(thread: Thread) -> models.QuerySet[Post]:
    """Posts every reader of the thread sees (not hidden, not waiting for approval)."""
    return Post.objects.filter(thread=thread, is_hidden=False, is_approved=True)


def recount_thread(thread: Thread) -> None:
    """Set the thread's counters and last post from its posts, and save them."""
    thread.post_count = (
        Post.objects.filter(thread=thread).aggregate(top=models.Max("position"))["top"] or 0
    )
    thread.reply_count = visible_posts(thread).filter(position__gt=1).count()
    # The newest post, not the highest position: merged posts keep their own dates.
    last = visible_posts(thread).order_by("-created_at", "-position").only("created_at").first()
    thread.last_post = last
    thread.last_activity_at = last.created_at if last is not None else thread.created_at
    thread.save(update_fields=["post_count", "reply_count", "last_post", "last_activity_at"])
    revisions.thread_changed(thread.pk)


def recount_forum(forum: Forum) -> None:
    """Set the forum's counters and last post from its visible threads, and save them.

    A forum counts the visible posts of its visible threads, as the posting service does.

    Summed from the thread counters (kept right just before) instead of counting posts:
    a forum may hold a million posts, but only thousands of threads.
    """
    # A thread whose opening post waits for approval counts nowhere yet (as in posts.py).
    threads = Thread.objects.filter(
        forum=forum, is_hidden=False, posts__position=1, posts__is_approved=True
    )
    totals = threads.aggregate(threads=Count("id"), replies=Sum(F("reply_count") + 1))
    forum.thread_count = totals["threads"] or 0
    forum.post_count = totals["replies"] or 0
    newest = (
        threads.filter(last_post__isnull=False)
        .order_by("-last_activity_at", "-id")
        .values_list("last_post_id", flat=True)
        .first()
    )
    forum.last_post_id = newest
    forum.save(update_fields=["thread_count", "post_count", "last_post"])
    revisions.forum_changed(forum.pk)


def _runs(current: dict[int, int], post_ids: Sequence[int]) -> list[tuple[int, int, int]]:
    """Stretches of posts that keep their order and move by one same step.

    Each is (first current position, last current position, step); stretches that do
    not move are left out. A merge or a split of a range makes one or two stretches.
    """
    runs: list[tuple[int, int, int]] = []
    for wanted, post_id in enumerate(post_ids, start=1):
        position = current[post_id]
        step = wanted - position
        if runs and runs[-1][1] == position - 1 and runs[-1][2] == step:
            runs[-1] = (runs[-1][0], position, step)
        else:
            runs.append((position, position, step))
    return [run for run in runs if run[2] != 0]


def renumber_posts(thread: Thread, post_ids: Sequence[int]) -> None:
    """Give these posts positions 1..n in this thread, in the order given.

    `post_ids` must be every post of the thread: the positions stay contiguous, so
    page N of a thread is still the position range of page N.

    Positions are unique per thread and checked row by row (SQLite and PostgreSQL
    alike), so each stretch that moves is first lifted above every position in use,
    then lowered into place: two range UPDATEs a stretch, not one per post, so even a
    10 000-post thread is renumbered in a few statements.
    """
    posts = Post.objects.filter(thread=thread)
    current = dict(posts.values_list("pk", "position"))
    runs = _runs(current, post_ids)
    if not runs:
        return
    lift = max(current.values()) + 1
    for first, last, _step in runs:
        posts.filter(position__gte=first, position__lte=last).update(position=F("position") + lift)
    for first, last, step in runs:
        posts.filter(position__gte=first + lift, position__lte=last + lift).update(
            position=F("position") - lift + step
        )


def locked_thread(thread: Thread) -> Thread:
    """The thread read afresh inside the transaction, its row locked.

    The caller's instance is refreshed in place, so it shows the result afterwards.
    """
    list(Thread.objects.select_for_update().filter(pk=thread.pk).values_list("pk"))
    thread.refresh_from_db()
    return thread
