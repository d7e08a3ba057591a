"""Virtual dialogues: a numbered, time-boxed conversation on one theme.

A dialogue owns a forum whose window is the dialogue's open period, its webinars and
other events, its guest experts and, once closed, its recordings, slides and summary.
Its status (announced, open, closed) follows the clock; nothing has to flip it.
The window is entered as days in the facilitator's zone ("24 April to 14 May") and
stored as UTC instants: the start of the first day to the end of the last.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tertulia.core.models import Theme
from tertulia.core.validators import validate_multiline_text, validate_single_line_text
from tertulia.events.models import Event, Speaker
from tertulia.forums.models import Forum

TITLE_MAX = 200
TEXT_MAX = 50_000


class DialogueStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Dialogue(models.Model):
    number = models.PositiveIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_single_line_text]
    )
    summary = models.TextField(
        _("topic summary"), max_length=2_000, validators=[validate_multiline_text]
    )
    concept_note = models.TextField(
        _("concept note"), max_length=TEXT_MAX, blank=True, validators=[validate_multiline_text]
    )
    concept_note_html = models.TextField(blank=True, editable=False)
    concept_note_pdf = models.FileField(_("concept note (PDF)"), upload_to="dialogues/", blank=True)
    concept_note_pdf_name = models.CharField(max_length=255, blank=True, editable=False)
    key_questions = models.JSONField(
        _("key questions"), default=list, blank=True, help_text=_("One question per line.")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="dialogues", verbose_name=_("themes")
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_dialogues",
        verbose_name=_("facilitators"),
    )
    speakers: models.ManyToManyField[Speaker, DialogueSpeaker] = models.ManyToManyField(
        Speaker,
        through="DialogueSpeaker",
        blank=True,
        related_name="dialogues",
        verbose_name=_("guest experts"),
    )
    events = models.ManyToManyField(
        Event, blank=True, related_name="dialogues", verbose_name=_("events")
    )
    forum = models.OneToOneField(
        Forum, on_delete=models.PROTECT, related_name="dialogue", verbose_name=_("forum")
    )
    time_zone = models.CharField(_("facilitator's time zone"), max_length=64)
    opens_on = models.DateField(_("first day"))
    closes_on = models.DateField(_("last day"))
    # UTC instants of the window, derived from the days and zone above; the forum's
    # opens_at/closes_at carry the same values.
    opens_at = models.DateTimeField(editable=False)
    closes_at = models.DateTimeField(editable=False)
    summary_text = models.TextField(
        _("summary of the discussion"),
        max_length=TEXT_MAX,
        blank=True,
        validators=[validate_multiline_text],
    )
    summary_html = models.TextField(blank=True, editable=False)
    summary_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["-number"]
        verbose_name = _("virtual dialogue")
        verbose_name_plural = _("virtual dialogues")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="dialogue_days_ordered"
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="dialogue_window_ordered"
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["opens_at"]), models.Index(fields=["closes_at"])]

    def __str__(self) -> str:
        return str(self.title)

    def status(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return DialogueStatus.ANNOUNCED
        if now < self.closes_at:
            return DialogueStatus.OPEN
        return DialogueStatus.CLOSED


class DialogueSpeaker(models.Model):
    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="dialogue_speakers"
    )
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["dialogue", "speaker"], name="dialogue_speaker_once"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_id} @ {self.dialogue_id}"


class MaterialKind(models.TextChoices):
    RECORDING = "recording", _("Recording")
    SLIDES = "slides", _("Slides")
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Link")


class DialogueMaterial(models.Model):
    """A recording, slides or other material posted with a dialogue, usually after it."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=10, choices=MaterialKind.choices)
    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_single_line_text]
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="dialogues/", blank=True)
    file_name = models.CharField(max_length=255, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(default=0, editable=False)
    language = models.CharField(_("language"), max_length=8, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="dialogue_material_has_link_or_file"
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)
