"""Private conversations between members: who takes part, what they wrote, whom they block.

Only a conversation's participants may ever read it. A facilitator sees a message only
when a participant reports it, and then only that message (MessageReport).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SUBJECT_MAX = 200
MESSAGE_BODY_MAX = 20_000
REPORT_REASON_MAX = 2_000


class Conversation(models.Model):
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_message_at = models.DateTimeField(default=timezone.now)
    # Raised with each message while the row is locked; a message's position is the
    # count after it was added, so "unread" is message_count > a reader's last position.
    message_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes: ClassVar = [models.Index(fields=["created_by", "created_at"])]

    def __str__(self) -> str:
        return str(self.subject)


class Participant(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_seats"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    last_read_at = models.DateTimeField(null=True, blank=True)
    last_read_position = models.PositiveIntegerField(default=0)
    is_muted = models.BooleanField(default=False)
    left_at = models.DateTimeField(null=True, blank=True)
    # The last message a member who left may still read (the conversation's count then).
    left_after_position = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["conversation", "member"], name="messaging_participant_once"
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["member", "left_at"])]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.conversation_id}"

    @property
    def has_left(self) -> bool:
        return self.left_at is not None

    @property
    def has_unread(self) -> bool:
        return self.conversation.message_count > self.last_read_position

    @property
    def unread_count(self) -> int:
        return max(0, self.conversation.message_count - self.last_read_position)


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="private_messages"
    )
    body = models.TextField(_("message"), max_length=MESSAGE_BODY_MAX)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    position = models.PositiveIntegerField()
    # A random key per form: the same form sent twice (a double click) makes one message.
    submission_key = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering: ClassVar = ["position"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["conversation", "position"], name="messaging_message_position"
            ),
            models.UniqueConstraint(
                fields=["author", "submission_key"],
                condition=~Q(submission_key=""),
                name="messaging_message_submission_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id} #{self.position}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


class MessageAttachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(upload_to="messages/%Y/%m/")
    thumbnail = models.FileField(upload_to="messages/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    alt_text = models.CharField(_("description of the image"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.original_name)

    @property
    def is_image(self) -> bool:
        return self.kind == AttachmentKind.IMAGE


class Block(models.Model):
    """The blocker no longer receives anything the blocked member writes."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="messaging_block_once"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class MessageReport(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=REPORT_REASON_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["message", "reporter"], name="messaging_report_once"),
        ]
        indexes: ClassVar = [models.Index(fields=["resolved_at", "created_at"])]

    def __str__(self) -> str:
        return f"report of {self.message_id} by {self.reporter_id}"
