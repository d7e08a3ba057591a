"""Facilitators lock, pin, hide and move whole threads."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tertulia.accounts.permissions import Viewer
from tertulia.forums.models import Access, Forum, Post, Thread
from tertulia.forums.services import post_notices
from tertulia.forums.services.moderation import (
    ModerationAction,
    clean_reason,
    locked_thread,
    log_action,
    recount_forum,
    recount_thread,
    require_moderator,
)


def _set_flag(
    actor: Viewer,
    thread: Thread,
    *,
    field: str,
    value: bool,
    action: ModerationAction,
    reason: str,
    unchanged: str,
) -> Thread:
    moderator = require_moderator(actor)
    reason = clean_reason(reason, required=False)
    with transaction.atomic():
        thread = locked_thread(thread)
        if getattr(thread, field) == value:
            raise ValidationError(unchanged, code="unchanged")
        setattr(thread, field, value)
        thread.save(update_fields=[field])
        log_action(moderator, action, reason=reason, thread=thread)
    return thread


def lock_thread(actor: Viewer, thread: Thread, *, reason: str = "") -> Thread:
    return _set_flag(
        actor,
        thread,
        field="is_locked",
        value=True,
        action=ModerationAction.LOCK_THREAD,
        reason=reason,
        unchanged=_("This thread is already locked."),
    )


def unlock_thread(actor: Viewer, thread: Thread, *, reason: str = "") -> Thread:
    return _set_flag(
        actor,
        thread,
        field="is_locked",
        value=False,
        action=ModerationAction.UNLOCK_THREAD,
        reason=reason,
        unchanged=_("This thread is not locked."),
    )


def pin_thread(actor: Viewer, thread: Thread, *, reason: str = "") -> Thread:
    return _set_flag(
        actor,
        thread,
        field="is_pinned",
        value=True,
        action=ModerationAction.PIN_THREAD,
        reason=reason,
        unchanged=_("This thread is already pinned."),
    )


def unpin_thread(actor: Viewer, thread: Thread, *, reason: str = "") -> Thread:
    return _set_flag(
        actor,
        thread,
        field="is_pinned",
        value=False,
        action=ModerationAction.UNPIN_THREAD,
        reason=reason,
        unchanged=_("This thread is not pinned."),
    )


def hide_thread(actor: Viewer, thread: Thread, *, reason: str) -> Thread:
    """Take a whole thread out of sight (its posts keep their own hidden state)."""
    moderator = require_moderator(actor)
    reason = clean_reason(reason, required=True)
    with transaction.atomic():
        thread = locked_thread(thread)
        if thread.is_hidden:
            raise ValidationError(_("This thread is already hidden."), code="unchanged")
        thread.is_hidden = True
        thread.save(update_fields=["is_hidden"])
        # Mail about its latest posts, still held for their edit window, stays unsent.
        post_notices.withdraw_recent_thread_notices(thread)
        recount_forum(thread.forum)
        log_action(moderator, ModerationAction.HIDE_THREAD, reason=reason, thread=thread)
    return thread


def restore_thread(actor: Viewer, thread: Thread, *, reason: str = "") -> Thread:
    """Show a hidden thread again, with its first post if that was hidden with it."""
    moderator = require_moderator(actor)
    reason = clean_reason(reason, required=False)
    with transaction.atomic():
        thread = locked_thread(thread)
        if not thread.is_hidden:
            raise ValidationError(_("This thread is not hidden."), code="unchanged")
        first = Post.objects.filter(thread=thread, position=1).first()
        if first is None:
            raise ValidationError(
                _("This thread has no posts left (they were merged elsewhere)."), code="empty"
            )
        thread.is_hidden = False
        thread.save(update_fields=["is_hidden"])
        details: dict[str, object] = {"first_post_restored": first.is_hidden}
        if first.is_hidden:
            # A visible thread with a hidden opening post would read as a broken page.
            Post.objects.filter(pk=first.pk).update(
                is_hidden=False, hidden_reason="", hidden_by=None, hidden_at=None
            )
        recount_thread(thread)
        recount_forum(thread.forum)
        log_action(
            moderator,
            ModerationAction.RESTORE_THREAD,
            reason=reason,
            thread=thread,
            details=details,
        )
    return thread


# How widely each access lets a forum be read, to tell when a move narrows it.
_READERS: dict[str, int] = {Access.EVERYONE: 3, Access.MEMBERS: 2, Access.FACILITATORS: 1}


def move_thread(actor: Viewer, thread: Thread, *, forum_id: int, reason: str) -> Thread:
    """Put a thread in another forum; both forums' counts and last posts follow."""
    moderator = require_moderator(actor)
    reason = clean_reason(reason, required=True)
    target = Forum.objects.filter(pk=forum_id).first()
    if target is None:
        raise ValidationError(_("That forum does not exist."), code="no_forum")
    with transaction.atomic():
        thread = locked_thread(thread)
        source = thread.forum
        if source.pk == target.pk:
            raise ValidationError(_("The thread is already in this forum."), code="same_forum")
        thread.forum = target
        thread.save(update_fields=["forum"])
        if _READERS[target.read_access] < _READERS[source.read_access]:
            # Mail still held for its latest posts was meant for the old forum's readers.
            post_notices.withdraw_recent_thread_notices(thread)
        recount_forum(source)
        recount_forum(target)
        log_action(
            moderator,
            ModerationAction.MOVE_THREAD,
            reason=reason,
            forum=target,
            thread=thread,
            details={"from_forum": source.pk, "from_title": source.title, "to_forum": target.pk},
        )
    return thread
