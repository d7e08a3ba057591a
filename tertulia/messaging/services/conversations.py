"""Starting conversations and replying in them.

A message's position is the conversation's message_count after it is added, handed out
while the conversation row is locked (select_for_update on PostgreSQL; SQLite's
IMMEDIATE transactions let one writer in at a time), so two replies never share one.
Recipients are told after commit through `_tell_recipients`, so a rolled-back message
never notifies anyone.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.forums.services.attachments import ValidatedUpload
from tertulia.messaging import tasks
from tertulia.messaging.models import Conversation, Message, Participant
from tertulia.messaging.permissions import check_reply, check_use_messages, may_write_to_many
from tertulia.messaging.queries import find_seat, members_blocking
from tertulia.messaging.services.attachments import attach_uploads, check_attachment_count
from tertulia.messaging.services.counts import recount_unread_conversations
from tertulia.messaging.services.recipients import check_recipients, resolve_recipients
from tertulia.messaging.services.text import clean_body, clean_subject


def conversations_per_hour() -> int:
    return int(getattr(settings, "MESSAGING_CONVERSATIONS_PER_HOUR", 20))


def check_conversation_limit(member: Member) -> None:
    """Refuse a member who started too many conversations in the last hour.

    Facilitators are exempt, as in the forums: writing to members is their work.
    """
    if may_write_to_many(member):
        return
    since = timezone.now() - timedelta(hours=1)
    started = Conversation.objects.filter(created_by=member, created_at__gte=since).count()
    if started >= conversations_per_hour():
        raise ValidationError(
            _(
                "You have started %(count)s conversations in the last hour, the most "
                "allowed. Please wait a little before starting another."
            )
            % {"count": started},
            code="conversation_limit",
        )


def _submitted(member: Member, submission_key: str) -> Message | None:
    if not submission_key:
        return None
    return (
        Message.objects.select_related("conversation")
        .filter(author=member, submission_key=submission_key[:64])
        .first()
    )


def _append_message(
    member: Member,
    conversation: Conversation,
    *,
    body: str,
    submission_key: str,
    uploads: Sequence[ValidatedUpload],
    alt_texts: Sequence[str],
) -> Message:
    """Add a message at the end and keep the counters right; call inside atomic()."""
    locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
    now = timezone.now()
    position = locked.message_count + 1
    message = Message.objects.create(
        conversation=locked,
        author=member,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
        position=position,
        submission_key=submission_key[:64],
    )
    attach_uploads(member, message, uploads, alt_texts)
    Conversation.objects.filter(pk=locked.pk).update(message_count=position, last_message_at=now)
    # The author has read what they wrote.
    Participant.objects.filter(conversation=locked, member=member).update(
        last_read_position=position, last_read_at=now
    )
    recount_unread_conversations(
        Participant.objects.filter(conversation=locked).values_list("member_id", flat=True)
    )
    transaction.on_commit(lambda: _tell_recipients(message))
    return message


def start_conversation(
    member: Member,
    *,
    recipients: Sequence[Member] = (),
    recipient_names: str = "",
    recipient_ids: Collection[int] = (),
    subject: str,
    body: str,
    uploads: Sequence[ValidatedUpload] = (),
    alt_texts: Sequence[str] = (),
    submission_key: str = "",
) -> Conversation:
    """Open a conversation with its first message. The same form sent twice makes one.

    Recipients are members, and/or names and email addresses as typed
    (`recipient_names`) and member numbers (`recipient_ids`); every problem with the
    subject, the text and the recipients is reported at once, by field.
    """
    check_use_messages(member)
    existing = _submitted(member, submission_key)
    if existing is not None:
        return existing.conversation
    errors: dict[str, list[ValidationError]] = {}
    try:
        clean_subject(subject)
    except ValidationError as error:
        errors["subject"] = [error]
    try:
        clean_body(body)
    except ValidationError as error:
        errors["body"] = [error]
    try:
        named = resolve_recipients(recipient_names, recipient_ids)
        known = {person.pk for person in recipients}
        everyone = [*recipients, *(person for person in named if person.pk not in known)]
        others = check_recipients(member, everyone)
    except ValidationError as error:
        errors.setdefault("recipients", []).append(error)
    if errors:
        raise ValidationError(errors)
    check_attachment_count(len(uploads))
    check_conversation_limit(member)
    try:
        with transaction.atomic():
            now = timezone.now()
            conversation = Conversation.objects.create(
                subject=clean_subject(subject),
                created_by=member,
                created_at=now,
                last_message_at=now,
            )
            Participant.objects.bulk_create(
                Participant(conversation=conversation, member=person, joined_at=now)
                for person in [member, *others]
            )
            _append_message(
                member,
                conversation,
                body=clean_body(body),
                submission_key=submission_key,
                uploads=uploads,
                alt_texts=alt_texts,
            )
    except IntegrityError:
        existing = _submitted(member, submission_key)
        if existing is None:
            raise
        return existing.conversation
    conversation.refresh_from_db()
    return conversation


def reply(
    member: Member,
    conversation: Conversation,
    *,
    body: str,
    uploads: Sequence[ValidatedUpload] = (),
    alt_texts: Sequence[str] = (),
    submission_key: str = "",
) -> Message:
    """Add a reply; refused to those who left and to members a participant blocked."""
    check_use_messages(member)
    existing = _submitted(member, submission_key)
    if existing is not None and existing.conversation_id == conversation.pk:
        return existing
    seat = find_seat(member, conversation.pk)
    if seat is None:
        raise PermissionDenied(_("Only the people in this conversation can write in it."))
    check_reply(member, seat, members_blocking(member, conversation.pk))
    try:
        cleaned = clean_body(body)
    except ValidationError as error:
        raise ValidationError({"body": [error]}) from None
    check_attachment_count(len(uploads))
    try:
        with transaction.atomic():
            return _append_message(
                member,
                conversation,
                body=cleaned,
                submission_key=submission_key,
                uploads=uploads,
                alt_texts=alt_texts,
            )
    except IntegrityError:
        existing = _submitted(member, submission_key)
        if existing is None:
            raise
        return existing


def _tell_recipients(message: Message) -> None:
    """Tell the other participants a message arrived, in the background, after commit.

    The one place messaging calls the notifications app (through `tasks`).
    """
    tasks.tell_recipients.enqueue(message.pk)
