"""Answering a private conversation by mail: the reply to a "new message" mail is posted
in the conversation, through the same service as the reply form (only participants
who have not left, never to someone who blocked the writer, files checked as uploads).
Registered in MessagingConfig.ready().
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.forums.inbound import checked_files
from tertulia.messaging.models import Conversation
from tertulia.messaging.permissions import check_reply
from tertulia.messaging.queries import find_seat, members_blocking
from tertulia.messaging.services.attachments import check_attachment_count
from tertulia.messaging.services.conversations import reply
from tertulia.notifications.inbound import registry
from tertulia.notifications.inbound.registry import InboundText

CONVERSATION_KIND = "conversation"  # notifications' group "conversation:<id>" (tasks.py)


def reply_by_mail(member: Member, conversation_id: int, mail: InboundText) -> str:
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation is None:
        raise PermissionDenied(_("This conversation no longer exists."))
    # Who may write comes before what the files hold: the refusal that matters first.
    seat = find_seat(member, conversation.pk)
    if seat is None:
        raise PermissionDenied(_("Only the people in this conversation can write in it."))
    check_reply(member, seat, members_blocking(member, conversation.pk))
    check_attachment_count(len(mail.attachments))
    uploads, alt_texts = checked_files(mail)
    message = reply(
        member,
        conversation,
        body=mail.text,
        uploads=uploads,
        alt_texts=alt_texts,
        submission_key=mail.submission_key,
    )
    url = reverse("conversation-detail", kwargs={"conversation_id": conversation.pk})
    return f"{url}#message-{message.position}"


def register() -> None:
    registry.register_reply_handler(CONVERSATION_KIND, reply_by_mail)
