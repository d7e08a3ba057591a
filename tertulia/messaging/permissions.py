"""Who may read, write, report and moderate in private conversations.

Only participants ever read a conversation: not facilitators, not staff. A facilitator
sees a message only when someone reports it, through the report queue.
`can_*` returns a bool (templates, queries); `check_*` raises PermissionDenied with a
message for the member (services).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_facilitator, is_member
from tertulia.messaging.models import Message, Participant


def can_use_messages(viewer: Viewer) -> bool:
    return is_member(viewer)


def check_use_messages(viewer: Viewer) -> None:
    if not can_use_messages(viewer):
        raise PermissionDenied(_("Sign in to use private messages."))


def can_read_message(seat: Participant, message: Message) -> bool:
    """A participant reads every message, except those written after they left."""
    if seat.left_after_position is None:
        return True
    return message.position <= seat.left_after_position


def can_reply(viewer: Viewer, seat: Participant, blocked_by: Iterable[Member] = ()) -> bool:
    return refusal_to_reply(viewer, seat, blocked_by) == ""


def refusal_to_reply(viewer: Viewer, seat: Participant, blocked_by: Iterable[Member] = ()) -> str:
    """Why this participant may not reply, or "" when they may.

    `blocked_by` are the other active participants who blocked the viewer.
    """
    if not is_member(viewer) or seat.member_id != viewer.pk:
        return _("Only the people in this conversation can write in it.")
    if seat.has_left:
        return _("You left this conversation, so you can no longer write in it.")
    names = sorted(str(member.display_name) for member in blocked_by)
    if names:
        return _("You cannot write to %(names)s.") % {"names": ", ".join(names)}
    return ""


def check_reply(viewer: Viewer, seat: Participant, blocked_by: Iterable[Member] = ()) -> None:
    refusal = refusal_to_reply(viewer, seat, blocked_by)
    if refusal:
        raise PermissionDenied(refusal)


def can_report(viewer: Viewer, seat: Participant, message: Message) -> bool:
    return (
        is_member(viewer)
        and seat.member_id == viewer.pk
        and message.author_id != viewer.pk
        and can_read_message(seat, message)
    )


def check_report(viewer: Viewer, seat: Participant, message: Message) -> None:
    if message.author_id == viewer.pk:
        raise PermissionDenied(_("You cannot report your own message."))
    if not can_report(viewer, seat, message):
        raise PermissionDenied(_("You can only report messages you have received."))


def can_moderate_reports(viewer: Viewer) -> bool:
    return is_facilitator(viewer)


def check_moderate_reports(viewer: Viewer) -> None:
    if not can_moderate_reports(viewer):
        raise PermissionDenied(_("Reported messages are for facilitators."))


def may_write_to_many(viewer: Viewer) -> bool:
    """Facilitators may write to a whole list of members (e.g. all registrants) at once."""
    return is_facilitator(viewer)
