"""Every read the private-message pages need, each in a constant number of queries.

A conversation is found through the viewer's own Participant row ("seat"): no seat, no
conversation (404), whoever the viewer is. Facilitators read reported messages through
`report_queue`, never through the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import Count, F, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.core.pagination import paginate
from tertulia.messaging.models import (
    Block,
    Conversation,
    Message,
    MessageAttachment,
    MessageReport,
    Participant,
)
from tertulia.messaging.permissions import can_read_message, refusal_to_reply

INBOX_PER_PAGE = 25
MESSAGES_PER_PAGE = 50
REPORTS_PER_PAGE = 25
NAMES_SHOWN = 4


def unread_conversation_count(member: Viewer) -> int:
    """How many conversations have messages this member has not read (muted ones aside)."""
    if not isinstance(member, Member) or not is_member(member):
        return 0
    return Participant.objects.filter(
        member_id=member.pk,
        left_at__isnull=True,
        is_muted=False,
        conversation__message_count__gt=F("last_read_position"),
    ).count()


def find_seat(viewer: Viewer, conversation_id: int) -> Participant | None:
    if not isinstance(viewer, Member) or not is_member(viewer):
        return None
    return (
        Participant.objects.select_related("conversation")
        .filter(member_id=viewer.pk, conversation_id=conversation_id)
        .first()
    )


def seat_for(viewer: Viewer, conversation_id: int) -> Participant:
    """The viewer's place in the conversation; 404 for anyone who is not in it."""
    seat = find_seat(viewer, conversation_id)
    if seat is None:
        raise Http404(_("There is no such conversation."))
    return seat


def members_blocking(member: Member, conversation_id: int) -> list[Member]:
    """The other participants still in the conversation who blocked this member."""
    blocker_ids = Block.objects.filter(blocked=member).values("blocker_id")
    return list(
        Member.objects.filter(
            conversation_seats__conversation_id=conversation_id,
            conversation_seats__left_at__isnull=True,
            pk__in=blocker_ids,
        ).exclude(pk=member.pk)
    )


def inbox_page(member: Member, page_number: str | None) -> Page[Participant]:
    """The member's conversations, newest activity first, with a few names of the others."""
    others = (
        Participant.objects.select_related("member")
        .exclude(member_id=member.pk)
        .order_by("joined_at", "pk")
    )
    seats: QuerySet[Participant] = (
        Participant.objects.filter(member=member, left_at__isnull=True)
        .select_related("conversation")
        .annotate(people=Count("conversation__participants"))
        .prefetch_related(
            Prefetch(
                "conversation__participants",
                queryset=others[:NAMES_SHOWN],
                to_attr="first_others",
            )
        )
        .order_by("-conversation__last_message_at", "-conversation_id")
    )
    return paginate(seats, page_number, INBOX_PER_PAGE)


@dataclass
class ConversationPage:
    seat: Participant
    conversation: Conversation
    messages: Page[Message]
    participants: list[Participant]
    blocked_by: list[Member]
    blocked_ids: set[int] = field(default_factory=set)
    reported_ids: set[int] = field(default_factory=set)
    reply_refusal: str = ""  # why the viewer may not reply; "" when they may


def conversation_page(
    viewer: Viewer, conversation_id: int, page_number: str | None
) -> ConversationPage:
    """What the conversation page shows; the last page of messages unless one is asked for."""
    seat = seat_for(viewer, conversation_id)
    assert isinstance(viewer, Member)  # noqa: S101  # seat_for refuses anyone else
    messages = (
        Message.objects.filter(conversation_id=conversation_id)
        .select_related("author")
        .prefetch_related("attachments")
        .order_by("position")
    )
    if seat.left_after_position is not None:
        messages = messages.filter(position__lte=seat.left_after_position)
    visible = seat.left_after_position
    total = seat.conversation.message_count if visible is None else visible
    last_page = max(1, -(-total // MESSAGES_PER_PAGE))
    page = paginate(messages, page_number or str(last_page), MESSAGES_PER_PAGE)
    participants = list(
        Participant.objects.filter(conversation_id=conversation_id)
        .select_related("member")
        .order_by("joined_at", "pk")
    )
    message_ids = [message.pk for message in page.object_list]
    reported_ids = set(
        MessageReport.objects.filter(reporter=viewer, message_id__in=message_ids).values_list(
            "message_id", flat=True
        )
    )
    blocked_ids = set(Block.objects.filter(blocker=viewer).values_list("blocked_id", flat=True))
    blocked_by = members_blocking(viewer, conversation_id)
    return ConversationPage(
        seat=seat,
        conversation=seat.conversation,
        messages=page,
        participants=participants,
        blocked_by=blocked_by,
        blocked_ids=blocked_ids,
        reported_ids=reported_ids,
        reply_refusal=refusal_to_reply(viewer, seat, blocked_by),
    )


def readable_message(viewer: Viewer, message_id: int) -> tuple[Participant, Message]:
    """A message the viewer received or wrote, with the viewer's seat; 404 otherwise."""
    message = Message.objects.select_related("author", "conversation").filter(pk=message_id).first()
    if message is None:
        raise Http404(_("There is no such message."))
    seat = find_seat(viewer, message.conversation_id)
    if seat is None or not can_read_message(seat, message):
        raise Http404(_("There is no such message."))
    return seat, message


def attachment_for_download(viewer: Viewer, attachment_id: int) -> MessageAttachment:
    """A file on a message, only for participants who may read that message."""
    attachment = (
        MessageAttachment.objects.select_related("message").filter(pk=attachment_id).first()
    )
    if attachment is None:
        raise Http404(_("There is no such file."))
    seat = find_seat(viewer, attachment.message.conversation_id)
    if seat is None or not can_read_message(seat, attachment.message):
        raise Http404(_("There is no such file."))
    return attachment


def blocked_members(member: Member) -> list[Block]:
    return list(
        Block.objects.filter(blocker=member).select_related("blocked").order_by("-created_at")
    )


def report_queue(page_number: str | None, *, resolved: bool = False) -> Page[MessageReport]:
    """Reports for facilitators: the message, its author, who reported it and why."""
    reports = (
        MessageReport.objects.filter(resolved_at__isnull=not resolved)
        .select_related("message__author", "reporter", "resolved_by")
        .prefetch_related("message__attachments")
        .order_by("-created_at" if resolved else "created_at", "pk")
    )
    return paginate(reports, page_number, REPORTS_PER_PAGE)


def open_report_count() -> int:
    return MessageReport.objects.filter(resolved_at__isnull=True).count()


def message_recipients(message: Message) -> list[Member]:
    """Whom to tell about a new message: active participants still in the conversation
    who have not muted it, the author excepted."""
    return list(
        Member.objects.filter(
            is_active=True,
            conversation_seats__conversation_id=message.conversation_id,
            conversation_seats__left_at__isnull=True,
            conversation_seats__is_muted=False,
        ).exclude(pk=message.author_id)
    )
