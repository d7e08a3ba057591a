"""Notifications, how each member wants them delivered, and the log of mail sent for them.

This app knows no other app: callers hand `services.notify()` a kind, a target URL, the
parameters of the kind's title and a rendered snippet. Titles are not stored as text:
the row keeps the kind and its parameters (`params`, e.g. {"subject": "Care work"}) and
`titles.notification_title()` renders them when shown, in the *reader's* language (the
in-app list follows the viewer's interface language, the mail the recipient's, a digest
the recipient's at digest time), so one row reads right everywhere and a translation
fixed later fixes old notifications too.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCOPE_MAX = 64
KEY_MAX = 120


class Kind(models.TextChoices):
    MENTION = "mention", _("Someone mentions me")
    REPLY = "reply", _("A reply in a thread I follow")
    NEW_THREAD = "new_thread", _("A new thread in a forum I follow")
    # Mailing-list mode: every post in the forums a member follows.
    FORUM_POST = "forum_post", _("Every post in a forum I follow (mailing-list mode)")
    REACTION = "reaction", _("Someone likes my post")
    MESSAGE = "message", _("A private message")
    DIALOGUE_OPENING = "dialogue_opening", _("A virtual dialogue opens")
    EVENT_REMINDER = "event_reminder", _("An event I registered for is starting")
    RECORDING = "recording", _("A recording is available")
    WAITLIST_PROMOTION = "waitlist_promotion", _("I get a place from the waiting list")
    SUGGESTION_APPROVED = "suggestion_approved", _("My suggestion is approved")
    SUGGESTION_DECLINED = "suggestion_declined", _("My suggestion is declined")
    POST_FLAGGED = "post_flagged", _("My post is flagged")
    POST_HIDDEN = "post_hidden", _("My post is hidden by a facilitator")


class Delivery(models.TextChoices):
    IN_APP = "in_app", _("On the site only")
    EMAIL = "email", _("Email at once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


class DigestFormat(models.TextChoices):
    FULL = "full", _("Full posts")
    SUBJECTS = "subjects", _("Subjects only")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Parameters of the kind's title, rendered in the reader's language when shown.
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500)
    snippet = models.TextField(blank=True)
    # How many events this row stands for: likes on one post are batched into one unread row.
    count = models.PositiveIntegerField(default=1)
    # "thread:12": mail threading (In-Reply-To/References) and the digest's grouping.
    group = models.CharField(max_length=KEY_MAX, blank=True)
    # "forum:3": which per-scope preference applied; "" when the kind has no scope.
    scope = models.CharField(max_length=SCOPE_MAX, blank=True)
    # "post:55": the object that caused it, to batch reactions and release held mail.
    source = models.CharField(max_length=KEY_MAX, blank=True)
    # A retried caller passes the same key and gets the same row back.
    # NULL (not "") for "no key": NULLs never collide in the unique constraint below.
    dedupe_key = models.CharField(max_length=KEY_MAX, null=True, blank=True)  # noqa: DJ001
    # The delivery decided when it was created (digests read DAILY/WEEKLY rows).
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    send_after = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], name="notification_dedupe_unique"
            ),
        ]
        indexes: ClassVar = [
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["delivery", "emailed_at", "send_after"], name="notification_mail_idx"
            ),
            models.Index(fields=["source"], name="notification_source_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A member's choice for one kind, everywhere (scope "") or in one scope ("forum:3")."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    scope = models.CharField(max_length=SCOPE_MAX, blank=True)
    # The scope's name when it was set ("General discussion"), for the preferences page.
    scope_label = models.CharField(max_length=200, blank=True)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["member", "kind", "scope"], name="notification_preference_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.scope or '*'}: {self.delivery}"


class MailSettings(models.Model):
    """A member's mail settings beyond the per-kind choices; absent row means defaults."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_settings"
    )
    digest_format = models.CharField(
        _("digest format"), max_length=10, choices=DigestFormat.choices, default=DigestFormat.FULL
    )
    # 0-23, in the member's own time zone.
    digest_hour = models.PositiveSmallIntegerField(_("digest hour"), default=7)
    mailing_list_mode = models.BooleanField(
        _("mailing-list mode: email me every post in the forums I follow"), default=False
    )
    newsletter_opt_out = models.BooleanField(_("do not send me the newsletter"), default=False)

    def __str__(self) -> str:
        return f"mail settings of {self.member_id}"


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingMail(models.Model):
    """One mail we mean to send exactly once: claimed (pending → sending) before SMTP."""

    idempotency_key = models.CharField(max_length=KEY_MAX, unique=True)
    # Set for a notification's mail; other mail (digests, newsletters) leaves it empty.
    notification = models.ForeignKey(
        Notification,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outgoing_mails",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(max_length=300, blank=True)
    message_id = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["status", "next_attempt_at"], name="outgoing_mail_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.idempotency_key} ({self.status})"


class InboundStatus(models.TextChoices):
    POSTED = "posted", _("Posted")
    REFUSED = "refused", _("Refused, sender told")
    IGNORED = "ignored", _("Ignored")


class InboundReason(models.TextChoices):
    POSTED = "posted", _("Posted")
    AUTO_REPLY = "auto_reply", _("Automatic reply or bounce")
    UNREADABLE = "unreadable", _("No sender to answer")
    UNKNOWN_ADDRESS = "unknown_address", _("Unknown address")
    INVALID_TOKEN = "invalid_token", _("Unknown or forged reply address")
    EXPIRED_TOKEN = "expired_token", _("Expired reply address")
    WRONG_SENDER = "wrong_sender", _("Sent from another address than the member's")
    UNKNOWN_SENDER = "unknown_sender", _("Sender is not a member")
    TOO_LARGE = "too_large", _("Too large")
    TOO_MANY_RECIPIENTS = "too_many_recipients", _("Too many recipients")
    MALFORMED = "malformed", _("Malformed message")
    EMPTY = "empty", _("No text after removing quotes")
    NOT_ALLOWED = "not_allowed", _("Refused by the forum or conversation")


class InboundMail(models.Model):
    """One message received for one of our addresses, and what became of it.

    (message_key, address) is unique: a message delivered twice (an MTA retry, a second
    MX) finds its row and is neither posted nor bounced again. The row is written in the
    same transaction as the post, so a failure leaves no row and the MTA's retry works.
    """

    # sha256 of the Message-ID, or of the whole message when it has none.
    message_key = models.CharField(max_length=64)
    address = models.CharField(max_length=254)
    message_id = models.CharField(max_length=300, blank=True)
    sender = models.CharField(max_length=254, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.CharField(max_length=300, blank=True)
    # "thread:12", "forum:3": what the address pointed at, when known.
    target = models.CharField(max_length=KEY_MAX, blank=True)
    status = models.CharField(max_length=10, choices=InboundStatus.choices)
    reason = models.CharField(max_length=24, choices=InboundReason.choices)
    # What the sender was told (the app's own refusal, in the sender's language).
    detail = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering: ClassVar = ["-received_at", "-id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["message_key", "address"], name="inbound_mail_once_per_address"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message_id or self.message_key} → {self.address} ({self.status})"
