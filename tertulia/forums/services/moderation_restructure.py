"""Facilitators merge two threads into one, or split posts off into a new thread.

Posts keep their ids, so permalinks (/forums/p/<post_id>/) follow them to their new
thread. Positions are renumbered in both threads so they stay 1..n without gaps: a
page of a thread is a range of positions, and a gap would leave a page short.

A merged thread is hidden, not deleted: its row keeps the audit log entries that
point at it (deleting would null them), and its `merged_into` says where its posts
went, so an old link to the thread leads there.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from tertulia.accounts.permissions import Viewer
from tertulia.forums.models import Forum, Post, ReadState, Subscription, Thread
from tertulia.forums.services.moderation import (
    ModerationAction,
    clean_reason,
    log_action,
    recount_forum,
    recount_thread,
    renumber_posts,
    require_moderator,
)
from tertulia.forums.text import clean_title


def _top_position(thread: Thread) -> int:
    return int(Post.objects.filter(thread=thread).aggregate(top=Max("position"))["top"] or 0)


def _recount(threads: Iterable[Thread]) -> None:
    forums: dict[int, Forum] = {}
    for thread in threads:
        recount_thread(thread)
        forums[thread.forum_id] = thread.forum
    for forum in forums.values():
        recount_forum(forum)


def _lock_pair(first_id: int, second_id: int) -> dict[int, Thread]:
    # Always lock in id order, so two facilitators merging the same pair cannot deadlock.
    locked = (
        Thread.objects.select_for_update()
        .select_related("forum")
        .filter(pk__in=[first_id, second_id])
        .order_by("pk")
    )
    return {thread.pk: thread for thread in locked}


def merge_threads(actor: Viewer, source: Thread, *, target_id: int, reason: str) -> Thread:
    """Append the source thread's posts to the target thread, oldest first; hide the source."""
    moderator = require_moderator(actor)
    reason = clean_reason(reason, required=True)
    if target_id == source.pk:
        raise ValidationError(_("A thread cannot be merged into itself."), code="same_thread")
    caller_copy = source
    with transaction.atomic():
        threads = _lock_pair(source.pk, target_id)
        if target_id not in threads:
            raise ValidationError(
                _("There is no thread number %(number)s.") % {"number": target_id},
                code="no_thread",
            )
        source, target = threads[source.pk], threads[target_id]
        if target.is_hidden:
            raise ValidationError(
                _("The thread to merge into is hidden. Restore it first."), code="target_hidden"
            )
        kept = list(
            Post.objects.filter(thread=target).order_by("position").values_list("pk", flat=True)
        )
        moved = list(
            Post.objects.filter(thread=source)
            .order_by("created_at", "position")
            .values_list("pk", flat=True)
        )
        if not moved:
            raise ValidationError(_("This thread has no posts to merge."), code="empty")
        # Lift the moving posts above every position in both threads, then renumber.
        Post.objects.filter(thread=source).update(
            thread=target, position=F("position") + _top_position(source) + _top_position(target)
        )
        renumber_posts(target, kept + moved)
        _carry_followers(source, target)
        source.is_hidden = True
        source.merged_into = target  # its old links lead to the target from now on
        source.save(update_fields=["is_hidden", "merged_into"])
        _recount([source, target])
        log_action(
            moderator,
            ModerationAction.MERGE_THREADS,
            reason=reason,
            thread=source,
            details={
                "merged_into": target.pk,
                "merged_into_title": target.title,
                "posts": len(moved),
            },
        )
    caller_copy.refresh_from_db()
    return target


def _carry_followers(source: Thread, target: Thread) -> None:
    """Members who followed the merged thread now follow the thread its posts joined."""
    already = Subscription.objects.filter(thread=target).values("member_id")
    Subscription.objects.bulk_create(
        Subscription(member_id=member_id, thread=target)
        for member_id in Subscription.objects.filter(thread=source)
        .exclude(member_id__in=already)
        .values_list("member_id", flat=True)
    )


def split_thread(
    actor: Viewer,
    thread: Thread,
    *,
    post_ids: Iterable[int],
    title: str,
    forum_id: int,
    reason: str,
) -> Thread:
    """Move chosen posts (never the first) into a new thread, keeping their order."""
    moderator = require_moderator(actor)
    reason = clean_reason(reason, required=True)
    title = clean_title(title)
    wanted = set(post_ids)
    if not wanted:
        raise ValidationError(_("Choose the posts to move into the new thread."), code="no_posts")
    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is None:
        raise ValidationError(_("That forum does not exist."), code="no_forum")
    caller_copy = thread
    with transaction.atomic():
        thread = Thread.objects.select_for_update().select_related("forum").get(pk=thread.pk)
        chosen = list(Post.objects.filter(thread=thread, pk__in=wanted).order_by("position"))
        _check_split(chosen, wanted)
        opening = chosen[0]
        new_thread = Thread.objects.create(
            forum=forum,
            title=title,
            author_id=opening.author_id,
            created_at=opening.created_at,
            language=opening.language,
            last_activity_at=opening.created_at,
        )
        chosen_ids = [post.pk for post in chosen]
        # Positions were unique in the old thread, so they are unique in the new one too.
        Post.objects.filter(pk__in=chosen_ids).update(thread=new_thread)
        renumber_posts(new_thread, chosen_ids)
        remaining = list(
            Post.objects.filter(thread=thread).order_by("position").values_list("pk", flat=True)
        )
        renumber_posts(thread, remaining)
        # Nobody can have read past the end of the shortened thread.
        ReadState.objects.filter(thread=thread, last_read_position__gt=len(remaining)).update(
            last_read_position=len(remaining)
        )
        Subscription.objects.bulk_create(
            [
                Subscription(member_id=author_id, thread=new_thread)
                for author_id in sorted({post.author_id for post in chosen})
            ]
        )
        _recount([thread, new_thread])
        log_action(
            moderator,
            ModerationAction.SPLIT_THREAD,
            reason=reason,
            thread=thread,
            details={
                "new_thread": new_thread.pk,
                "new_title": title,
                "to_forum": forum.pk,
                "posts": chosen_ids,
            },
        )
    caller_copy.refresh_from_db()
    return new_thread


def _check_split(chosen: list[Post], wanted: set[int]) -> None:
    if len(chosen) != len(wanted):
        raise ValidationError(
            _("Some of the chosen posts are not in this thread."), code="foreign_post"
        )
    if chosen[0].position == 1:
        raise ValidationError(
            _("The first post opens the thread and cannot be split off."), code="first_post"
        )
    if chosen[0].is_hidden or not chosen[0].is_approved:
        raise ValidationError(
            _("The new thread cannot open with a hidden or unapproved post."), code="hidden"
        )
