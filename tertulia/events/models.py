"""Live events (webinars, interviews, lectures, launches, meetings), their series,
speakers, registrations, questions and calendar feeds.

Times are stored in UTC beside the organiser's IANA zone: the zone is what keeps a
series at "15:00 in Paris" across daylight-saving changes, and what the organiser's
own time is shown in. Each occurrence of a series is a real Event row, so one date can
be moved, given another speaker or cancelled alone.
"""

from __future__ import annotations

import secrets
import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tertulia.core.validators import validate_multiline_text, validate_single_line_text

TITLE_MAX = 200
DESCRIPTION_MAX = 20_000
QUESTION_MAX = 2_000
# A recurrence rule may not create more occurrences than this (RFC 5545 allows endless
# rules; we materialise every occurrence as a row).
MAX_OCCURRENCES = 500
# The join link appears this many minutes before the start.
JOIN_OPENS_MINUTES = 30


class EventKind(models.TextChoices):
    WEBINAR = "webinar", _("Webinar")
    INTERVIEW = "interview", _("Interview")
    LECTURE = "lecture", _("Lecture")
    LAUNCH = "launch", _("Launch")
    MEETING = "meeting", _("Meeting")


class Speaker(models.Model):
    """A guest expert or speaker; linked to a member when they are one."""

    name = models.CharField(_("name"), max_length=150, validators=[validate_single_line_text])
    organisation = models.CharField(
        _("organisation"), max_length=150, blank=True, validators=[validate_single_line_text]
    )
    bio = models.TextField(
        _("short bio"), max_length=5_000, blank=True, validators=[validate_multiline_text]
    )
    bio_html = models.TextField(blank=True, editable=False)
    photo = models.ImageField(_("photo"), upload_to="speakers/", blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_profiles",
        verbose_name=_("member"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["name", "id"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return str(self.name)


class EventSeries(models.Model):
    """An interview or lecture series: a recurrence rule and/or explicit dates.

    `first_start` is the local wall-clock start of the first occurrence in `time_zone`;
    the rule (RFC 5545 RRULE text, e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=10") is
    expanded in local time, then each occurrence is converted to UTC on its own date.
    """

    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_single_line_text]
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX,
        blank=True,
        validators=[validate_multiline_text],
    )
    description_html = models.TextField(blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organised_series",
        verbose_name=_("organiser"),
    )
    time_zone = models.CharField(_("organiser's time zone"), max_length=64)
    first_start = models.DateTimeField(
        _("first start (local time)"),
        help_text=_("Stored as naive wall-clock time in the organiser's zone."),
    )
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"), default=60)
    rrule = models.CharField(_("recurrence rule"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["title", "id"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return str(self.title)


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Event(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_single_line_text]
    )
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX,
        blank=True,
        validators=[validate_multiline_text],
    )
    description_html = models.TextField(blank=True, editable=False)
    language = models.CharField(_("language"), max_length=8, default="en")
    series = models.ForeignKey(
        EventSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("series"),
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organised_events",
        verbose_name=_("organiser"),
    )
    time_zone = models.CharField(_("organiser's time zone"), max_length=64)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    join_url = models.URLField(_("online join link"), max_length=500, blank=True)
    place = models.CharField(
        _("place"), max_length=300, blank=True, validators=[validate_single_line_text]
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    speakers: models.ManyToManyField[Speaker, EventSpeaker] = models.ManyToManyField(
        Speaker,
        through="EventSpeaker",
        blank=True,
        related_name="events",
        verbose_name=_("speakers"),
    )
    speakers_to_be_confirmed = models.BooleanField(_("speaker to be confirmed"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    slides_url = models.URLField(_("slides"), max_length=500, blank=True)
    # Raised on every change a calendar should pick up (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    registered_count = models.PositiveIntegerField(default=0, editable=False)
    waitlist_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["ends_at"]),
        ]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.registered_count >= self.capacity


class EventSpeaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_speakers")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["event", "speaker"], name="event_speaker_once"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_id} @ {self.event_id}"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """One member's place at one event. Cancelling keeps the row (status cancelled);
    registering again reuses it. The waiting list is ordered by `waitlisted_at`."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["event", "member"], name="registration_once"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["event", "status", "waitlisted_at"]),
            models.Index(fields=["member", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.event_id}: {self.status}"


class ReminderKind(models.TextChoices):
    DAY_BEFORE = "24h", _("24 hours before")
    HOUR_BEFORE = "1h", _("1 hour before")


class SentReminder(models.Model):
    """Proof that a reminder went out, so a task that runs twice sends it once."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=4, choices=ReminderKind.choices)
    # The start time the reminder was for: moving the event allows a new reminder.
    for_start = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["registration", "kind", "for_start"], name="reminder_sent_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for {self.registration_id}"


class Question(models.Model):
    """A question sent in before or during an event; others vote on it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_questions"
    )
    body = models.TextField(
        _("question"), max_length=QUESTION_MAX, validators=[validate_multiline_text]
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    vote_count = models.PositiveIntegerField(default=0, editable=False)
    is_answered = models.BooleanField(_("answered"), default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["-vote_count", "created_at", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes: ClassVar = [models.Index(fields=["event", "is_hidden", "-vote_count"])]

    def __str__(self) -> str:
        return str(self.body)[:60]


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["question", "member"], name="question_vote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} on {self.question_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A member's private calendar of their registrations, at a secret URL.

    Revoking replaces the token, so the old URL stops working at once."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"calendar of {self.member_id}"
