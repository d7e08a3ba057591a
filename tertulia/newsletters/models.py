"""Newsletter issues, their editions per language, and one delivery row per recipient.

An issue is written by facilitators as one edition per language (English, Spanish,
French: as many as they write). Each edition has a title, an introduction and a few
sections, all Markdown rendered once on save to sanitised HTML kept beside the source.

Sending an issue gives every recipient one `IssueDelivery` row, unique per (issue,
member): the row is claimed before its mail goes to SMTP and marked sent right after,
which is what lets a crashed send resume without mailing anyone twice (delivery.py).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tertulia.core.validators import validate_multiline_text, validate_single_line_text

TITLE_MAX = 200
TEXT_MAX = 20_000
HEADING_MAX = 200


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class Issue(models.Model):
    status = models.CharField(
        _("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    # The start of the period the issue reports on: the previous issue's sending (or a
    # month before the first issue). Its pre-filled sections list what happened since.
    covers_since = models.DateTimeField(_("covers since"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    send_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    send_requested_at = models.DateTimeField(null=True, blank=True)
    # Set once every recipient has a delivery row (the list is taken when sending starts).
    recipients_listed_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        indexes: ClassVar = [models.Index(fields=["status", "sent_at"], name="issue_status_idx")]

    def __str__(self) -> str:
        return f"newsletter issue {self.pk} ({self.status})"

    @property
    def is_draft(self) -> bool:
        return self.status == IssueStatus.DRAFT

    @property
    def is_sending(self) -> bool:
        return self.status == IssueStatus.SENDING

    @property
    def is_sent(self) -> bool:
        return self.status == IssueStatus.SENT


class Edition(models.Model):
    """The issue in one language."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="editions")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_single_line_text]
    )
    introduction = models.TextField(
        _("introduction"), max_length=TEXT_MAX, validators=[validate_multiline_text]
    )
    introduction_html = models.TextField(editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["issue", "language"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["issue", "language"], name="edition_language_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class Section(models.Model):
    """One block of an edition: a heading and Markdown, pre-filled, then edited freely."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(
        _("heading"), max_length=HEADING_MAX, validators=[validate_single_line_text]
    )
    body = models.TextField(_("text"), max_length=TEXT_MAX, validators=[validate_multiline_text])
    body_html = models.TextField(editable=False)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["edition", "position"], name="section_position_unique"),
        ]

    def __str__(self) -> str:
        return str(self.heading)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # Opted out or left between the start of the sending and their turn.
    SKIPPED = "skipped", _("Skipped")


class IssueDelivery(models.Model):
    """The issue's mail to one member: claimed (pending → sending) before SMTP."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    # The edition the member got (their language, or the fallback).
    language = models.CharField(max_length=8, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["issue", "member"], name="issue_delivery_unique"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["issue", "status"], name="issue_delivery_status_idx"),
            models.Index(
                fields=["issue", "claimed_at"],
                condition=Q(status="sending"),
                name="issue_delivery_claimed_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"issue {self.issue_id} to {self.member_id} ({self.status})"
