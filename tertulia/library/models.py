"""The resource library: manuals, reports, videos and other material members share.

A resource is either an uploaded file (checked by its content like a forum attachment,
stored under a generated name, its member-given name and size kept for display) or a
link to another site, never both: a database constraint holds that. Members submit,
facilitators publish or decline with a reason, and may feature a few on top of the list.

The languages a resource is available in are a JSON list (kept in the order given, as
shown on the page) mirrored into `ResourceLanguage` rows by the services, because the
language facet needs to group and filter by one language on every database, which a
JSON list cannot do on SQLite without engine-specific SQL.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tertulia.core.models import Theme
from tertulia.core.validators import validate_multiline_text, validate_single_line_text
from tertulia.dialogues.models import Dialogue
from tertulia.events.models import Event

TITLE_MAX = 200
DESCRIPTION_MAX = 20_000
AUTHORS_MAX = 300
ORGANISATION_MAX = 200
URL_MAX = 500
REASON_MAX = 1_000


class ResourceKind(models.TextChoices):
    MANUAL = "manual", _("Manual or toolkit")
    COURSE_MATERIAL = "course", _("Course material")
    REPORT = "report", _("Report or research")
    CASE_STUDY = "case_study", _("Case study")
    VIDEO = "video", _("Video")
    PODCAST = "podcast", _("Podcast")
    POLICY = "policy", _("Policy")
    OTHER = "other", _("Other")


class ResourceStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class Resource(models.Model):
    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_single_line_text]
    )
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True)
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX,
        blank=True,
        validators=[validate_multiline_text],
    )
    description_html = models.TextField(blank=True, editable=False)
    # Detected from the title and description, like a forum post's language.
    description_language = models.CharField(_("language of the description"), max_length=8)
    kind = models.CharField(_("type"), max_length=12, choices=ResourceKind.choices)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="resources", verbose_name=_("themes")
    )
    languages = models.JSONField(_("languages available"), default=list, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    authors = models.CharField(
        _("authors"), max_length=AUTHORS_MAX, blank=True, validators=[validate_single_line_text]
    )
    organisation = models.CharField(
        _("publishing organisation"),
        max_length=ORGANISATION_MAX,
        blank=True,
        validators=[validate_single_line_text],
    )
    file = models.FileField(_("file"), upload_to="resources/%Y/%m/", max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0)
    file_content_type = models.CharField(max_length=120, blank=True)
    url = models.URLField(_("link"), max_length=URL_MAX, blank=True)
    # Re-encoded from its pixels (no EXIF) by the services, which also set its size.
    cover = models.FileField(
        _("cover image"), upload_to="resources/covers/%Y/", max_length=200, blank=True
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    related_dialogues = models.ManyToManyField(
        Dialogue, blank=True, related_name="resources", verbose_name=_("related dialogues")
    )
    related_events = models.ManyToManyField(
        Event, blank=True, related_name="resources", verbose_name=_("related events")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ResourceStatus.choices,
        default=ResourceStatus.PENDING,
    )
    decline_reason = models.TextField(_("reason for declining"), max_length=REASON_MAX, blank=True)
    is_featured = models.BooleanField(_("featured"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="submitted_resources",
        verbose_name=_("submitted by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)

    class Meta:
        ordering: ClassVar = ["-published_at", "-id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="resource_file_or_link",
            ),
            models.CheckConstraint(
                condition=~Q(status=ResourceStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="resource_published_has_date",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["status", "-is_featured", "-published_at"]),
            models.Index(
                F("status"), F("is_featured").desc(), Lower("title"), name="resource_by_title"
            ),
            models.Index(fields=["status", "-is_featured", "-download_count"]),
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["status", "year"]),
        ]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_published(self) -> bool:
        return self.status == ResourceStatus.PUBLISHED

    @property
    def is_pending(self) -> bool:
        return self.status == ResourceStatus.PENDING

    @property
    def is_declined(self) -> bool:
        return self.status == ResourceStatus.DECLINED

    @property
    def has_file(self) -> bool:
        return bool(self.file)


class ResourceTranslation(models.Model):
    """A member's translation of a resource's title and description into another language.

    One per resource and language. Shown beside the original, always marked as a
    member's translation and naming its translator.
    """

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_single_line_text]
    )
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX,
        blank=True,
        validators=[validate_multiline_text],
    )
    description_html = models.TextField(blank=True, editable=False)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="resource_translations"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering: ClassVar = ["language"]
        verbose_name = _("translation of a resource")
        verbose_name_plural = _("translations of resources")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["resource", "language"], name="resource_translation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} in {self.language}"


class ResourceLanguage(models.Model):
    """One language a resource is available in: the searchable copy of `languages`."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="language_rows")
    code = models.CharField(max_length=8)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["resource", "code"], name="resource_language_once"),
        ]
        indexes: ClassVar = [models.Index(fields=["code", "resource"])]

    def __str__(self) -> str:
        return f"{self.resource_id}: {self.code}"
