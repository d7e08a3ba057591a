"""Facilitators hide, restore, approve and reject single posts.

Hiding is a soft delete: the post keeps its row and position (so permalinks and page
boundaries hold) and shows as a placeholder with the reason. Hiding the first post
hides its whole thread, as a thread without its opening post makes no sense to read.
A hidden post's notifications are withdrawn and its author is told why (post_notices);
an approved one is announced to its followers then, not when it was written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.forums.models import Post, Thread
from tertulia.forums.services import post_notices
from tertulia.forums.services.announcing import announce_post
from tertulia.forums.services.moderation import (
    ModerationAction,
    clean_reason,
    locked_thread,
    log_action,
    recount_forum,
    recount_thread,
    require_moderator,
)
from tertulia.forums.services.moderation_flags import resolve_flags


def _locked_post(post: Post) -> Post:
    """The post (and its thread) read afresh inside the transaction, the thread row locked.

    The caller's instance is refreshed in place, so it shows the result afterwards.
    """
    locked_thread(post.thread)
    post.refresh_from_db()
    return post


def _recount(thread: Thread) -> None:
    recount_thread(thread)
    recount_forum(thread.forum)


def _hide(post: Post, moderator: Member, reason: str) -> dict[str, object]:
    """Hide the post (and its thread when it is the first), close its reports."""
    post.is_hidden = True
    post.hidden_reason = reason
    post.hidden_by = moderator
    post.hidden_at = timezone.now()
    post.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    closed = resolve_flags(moderator, post, reason)
    # Whatever the post told others (mail still held, likes, reports) goes with it.
    post_notices.withdraw_post_notices(post.pk)
    thread = post.thread
    hides_thread = post.position == 1 and not thread.is_hidden
    if hides_thread:
        thread.is_hidden = True
        thread.save(update_fields=["is_hidden"])
        post_notices.withdraw_recent_thread_notices(thread)
    _recount(thread)
    return {"flags_resolved": closed, "thread_hidden": hides_thread}


def hide_post(actor: Viewer, post: Post, *, reason: str) -> Post:
    moderator = require_moderator(actor)
    reason = clean_reason(reason, required=True)
    with transaction.atomic():
        post = _locked_post(post)
        if post.is_hidden:
            raise ValidationError(_("This post is already hidden."), code="hidden")
        details = _hide(post, moderator, reason)
        log = log_action(
            moderator,
            ModerationAction.HIDE_POST,
            reason=reason,
            thread=post.thread,
            post=post,
            details=details,
        )
        post_notices.tell_hidden(post, log)
    return post


def restore_post(actor: Viewer, post: Post, *, reason: str = "") -> Post:
    """Show a hidden post again; restoring a first post restores its thread too."""
    moderator = require_moderator(actor)
    reason = clean_reason(reason, required=False)
    with transaction.atomic():
        post = _locked_post(post)
        if not post.is_hidden:
            raise ValidationError(_("This post is not hidden."), code="not_hidden")
        details: dict[str, object] = {"hidden_reason": post.hidden_reason}
        post.is_hidden = False
        post.hidden_reason = ""
        post.hidden_by = None
        post.hidden_at = None
        post.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
        thread = post.thread
        restores_thread = post.position == 1 and thread.is_hidden
        if restores_thread:
            thread.is_hidden = False
            thread.save(update_fields=["is_hidden"])
        details["thread_restored"] = restores_thread
        _recount(thread)
        log_action(
            moderator,
            ModerationAction.RESTORE_POST,
            reason=reason,
            thread=thread,
            post=post,
            details=details,
        )
    return post


def _check_waiting(post: Post) -> None:
    if post.is_approved:
        raise ValidationError(_("This post is not waiting for approval."), code="approved")
    if post.is_hidden:
        raise ValidationError(
            _("This post was rejected. Restore it to put it back in the queue."), code="hidden"
        )


def approve_post(actor: Viewer, post: Post, *, reason: str = "") -> Post:
    """Publish a post held because its author is new."""
    moderator = require_moderator(actor)
    reason = clean_reason(reason, required=False)
    with transaction.atomic():
        post = _locked_post(post)
        _check_waiting(post)
        post.is_approved = True
        post.save(update_fields=["is_approved"])
        _recount(post.thread)
        log_action(
            moderator, ModerationAction.APPROVE_POST, reason=reason, thread=post.thread, post=post
        )
        # Held back until now: its followers and mentions hear of it as it is published.
        announce_post(post)
    return post


def reject_post(actor: Viewer, post: Post, *, reason: str) -> Post:
    """Refuse a held post: it is hidden with the reason and leaves the queue.

    It stays unapproved, so restoring it later puts it back in the queue rather than
    publishing it behind the facilitators' backs.
    """
    moderator = require_moderator(actor)
    reason = clean_reason(reason, required=True)
    with transaction.atomic():
        post = _locked_post(post)
        _check_waiting(post)
        details = _hide(post, moderator, reason)
        log = log_action(
            moderator,
            ModerationAction.REJECT_POST,
            reason=reason,
            thread=post.thread,
            post=post,
            details=details,
        )
        post_notices.tell_hidden(post, log)
    return post
