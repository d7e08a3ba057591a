"""Enqueueing what tells members about posts, after the write commits.

A rolled-back post tells nobody; a committed one is announced by a background task
(tasks.py), so that the author's request does not wait for its followers. Posts waiting
for approval are announced when a facilitator approves them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.forums import tasks
from tertulia.forums.models import Post
from tertulia.forums.services.post_notices import held_until, is_announced


def announce_post(post: Post) -> None:
    """Tell the post's followers and mentions once it is committed (if it is visible)."""
    if post.is_approved and not post.is_hidden:
        transaction.on_commit(partial(tasks.tell_about_post.enqueue, post.pk))


def announce_new_mentions(post: Post, member_ids: Iterable[int]) -> None:
    """After an edit: tell the members the post names for the first time."""
    ids = sorted(set(member_ids))
    if ids and post.is_approved and not post.is_hidden:
        transaction.on_commit(partial(tasks.tell_new_mentions.enqueue, post.pk, ids))


def check_send_now(member: Member, post: Post) -> None:
    """Only the author, only for a visible post whose mail the edit window still holds."""
    if post.author_id != member.pk:
        raise PermissionDenied(_("Only the author of a post can send its notifications."))
    if not is_announced(post):
        raise ValidationError(
            _("This post is not visible to others, so nobody is told about it."),
            code="not_visible",
        )
    if held_until(post) is None:
        raise ValidationError(
            _("The notifications of this post have already been sent."), code="already_sent"
        )


def send_notices_now(member: Member, post: Post) -> None:
    """ "Send now": the post's mail leaves without waiting for the edit window to end."""
    check_send_now(member, post)
    transaction.on_commit(partial(tasks.send_held_mail_now.enqueue, post.pk))
