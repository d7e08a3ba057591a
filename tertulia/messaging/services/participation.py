"""A participant's own state in a conversation: read up to where, muted, left."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.messaging.models import Conversation, Participant
from tertulia.messaging.services.counts import recount_unread_conversations


def _own_seat(member: Member, seat: Participant) -> None:
    if seat.member_id != member.pk:
        raise PermissionDenied(_("This is not your conversation."))


def mark_read(member: Member, seat: Participant, *, up_to_position: int | None = None) -> None:
    """Everything up to `up_to_position` (default: the last message) counts as read."""
    _own_seat(member, seat)
    position = seat.conversation.message_count if up_to_position is None else up_to_position
    if seat.left_after_position is not None:
        position = min(position, seat.left_after_position)
    if position <= seat.last_read_position:
        return
    now = timezone.now()
    with transaction.atomic():
        # Never move backwards: another tab may have read further meanwhile.
        Participant.objects.filter(pk=seat.pk, last_read_position__lt=position).update(
            last_read_position=position, last_read_at=now
        )
        recount_unread_conversations([member.pk])
    # The page being rendered shows the header's badge from this same object.
    member.refresh_from_db(fields=["unread_conversations"])
    seat.last_read_position, seat.last_read_at = position, now


def set_muted(member: Member, seat: Participant, *, muted: bool) -> None:
    """A muted conversation sends no notifications and leaves the header's count alone."""
    _own_seat(member, seat)
    if seat.has_left:
        raise PermissionDenied(_("You left this conversation."))
    with transaction.atomic():
        Participant.objects.filter(pk=seat.pk).update(is_muted=muted)
        recount_unread_conversations([member.pk])
    seat.is_muted = muted


def leave_conversation(member: Member, seat: Participant) -> None:
    """Leave for good: no new messages reach the member, who can no longer reply.

    The conversation goes on for the others; the member keeps what was said before.
    """
    _own_seat(member, seat)
    if seat.has_left:
        return
    with transaction.atomic():
        count = Conversation.objects.select_for_update().get(pk=seat.conversation_id).message_count
        now = timezone.now()
        Participant.objects.filter(pk=seat.pk).update(
            left_at=now,
            left_after_position=count,
            last_read_position=count,
            last_read_at=now,
        )
        recount_unread_conversations([member.pk])
    seat.left_at, seat.left_after_position = now, count
    seat.last_read_position = count
