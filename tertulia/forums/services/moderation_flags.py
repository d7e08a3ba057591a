"""Members report posts; facilitators dismiss the reports.

A post's first open report tells its author that it is under review, without saying
who reported it (post_notices.tell_flagged).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.core.validators import validate_multiline_text
from tertulia.forums.models import Flag, FlagReason, Post
from tertulia.forums.permissions import check_flag_post, needs_to_post_first
from tertulia.forums.queries.post_access import has_posted_in
from tertulia.forums.services import post_notices
from tertulia.forums.services.moderation import (
    ModerationAction,
    clean_reason,
    log_action,
    require_moderator,
)

FLAG_NOTE_MAX = 1000


def _clean_note(note: str) -> str:
    note = note.strip()
    if len(note) > FLAG_NOTE_MAX:
        raise ValidationError(
            _("Keep the note under %(limit)d characters.") % {"limit": FLAG_NOTE_MAX},
            code="max_length",
        )
    validate_multiline_text(note)
    return note


def check_reply_visible(member: Member, post: Post) -> None:
    """In a question-and-answer forum, a reply is unseen, so unreportable, before answering."""
    thread = post.thread
    if post.position > 1 and needs_to_post_first(
        member, thread.forum, has_posted=has_posted_in(member, thread)
    ):
        raise PermissionDenied(_("Answer the question yourself to see and report the replies."))


def flag_post(member: Viewer, post: Post, *, reason: str, note: str = "") -> Flag:
    """Report a post to the facilitators; one open report per member per post."""
    check_flag_post(member, post)
    assert isinstance(member, Member)  # noqa: S101  # check_flag_post admits members only
    check_reply_visible(member, post)
    if reason not in FlagReason.values:
        raise ValidationError(_("Choose why you are reporting this post."), code="invalid")
    note = _clean_note(note)
    duplicate = ValidationError(
        _("You have already reported this post. A facilitator will look at it."),
        code="duplicate",
    )
    if Flag.objects.filter(post=post, member=member, resolved_at__isnull=True).exists():
        raise duplicate
    try:
        with transaction.atomic():
            flag = Flag.objects.create(post=post, member=member, reason=reason, note=note)
            post_notices.tell_flagged(post, flag)
            return flag
    except IntegrityError as error:
        # Two submits racing past the check above meet the flag_open_once constraint.
        raise duplicate from error


def resolve_flags(moderator: Member, post: Post, resolution: str) -> int:
    """Close the open reports on a post (inside the caller's transaction); how many."""
    return Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator, resolution=resolution
    )


def dismiss_flags(actor: Viewer, post: Post, *, resolution: str) -> int:
    """Close the reports on a post without acting on it; the resolution says why."""
    moderator = require_moderator(actor)
    resolution = clean_reason(resolution, required=True)
    with transaction.atomic():
        closed = resolve_flags(moderator, post, resolution)
        if not closed:
            raise ValidationError(_("This post has no open reports."), code="no_flags")
        log_action(
            moderator,
            ModerationAction.DISMISS_FLAGS,
            reason=resolution,
            thread=post.thread,
            post=post,
            details={"flags": closed},
        )
    return closed
