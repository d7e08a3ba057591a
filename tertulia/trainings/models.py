"""Trainings that members suggest and facilitators publish: courses, workshops, programmes.

Dates are days, as providers announce them ("4 September to 13 October, apply by 18
August"), kept beside the provider's IANA zone. The instants those days begin and end
in that zone are derived and stored too (`starts_at`, `applications_close_at`,
`ends_at`), so that lists can filter and sort by them in SQL: an application deadline
of 10 March in Pacific/Auckland closes at the end of that day there, 11:00 UTC.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tertulia.core.models import Theme
from tertulia.core.timezones import local_to_utc
from tertulia.core.validators import validate_multiline_text, validate_single_line_text
from tertulia.forums.models import Thread

TITLE_MAX = 200
PROVIDER_MAX = 200
LOCATION_MAX = 200
AUDIENCE_MAX = 300
DESCRIPTION_MAX = 20_000
URL_MAX = 500
REASON_MAX = 2_000


class TrainingFormat(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced online")
    FACILITATED_ONLINE = "facilitated_online", _("Facilitated online")
    FACE_TO_FACE = "face_to_face", _("Face-to-face")
    BLENDED = "blended", _("Blended (online and face-to-face)")


# Formats that happen somewhere, so a location is required.
FORMATS_WITH_PLACE = frozenset({TrainingFormat.FACE_TO_FACE, TrainingFormat.BLENDED})


class TrainingStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("training status", "Waiting for review")
    PUBLISHED = "published", pgettext_lazy("training status", "Published")
    DECLINED = "declined", pgettext_lazy("training status", "Declined")


def start_of_day(day: date, zone: str) -> datetime:
    """The UTC instant `day` begins in `zone`.

    Where clocks jump at midnight, 00:00 is read with the offset before the change
    (zoneinfo's fold=0), which is exactly the moment the day begins in both cases: a
    skipped midnight maps to the jump, a repeated one to its first occurrence.
    """
    return local_to_utc(datetime.combine(day, time(0)), zone, strict=False)


def end_of_day(day: date, zone: str) -> datetime:
    """The UTC instant `day` ends in `zone` (the start of the next day there)."""
    return start_of_day(day + timedelta(days=1), zone)


class Training(models.Model):
    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_single_line_text]
    )
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True)
    provider = models.CharField(
        _("provider organisation"),
        max_length=PROVIDER_MAX,
        validators=[validate_single_line_text],
    )
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX,
        blank=True,
        validators=[validate_multiline_text],
    )
    description_html = models.TextField(blank=True, editable=False)
    language = models.CharField(_("language of the description"), max_length=8, default="en")
    format = models.CharField(_("format"), max_length=20, choices=TrainingFormat.choices)
    location = models.CharField(
        _("location"), max_length=LOCATION_MAX, blank=True, validators=[validate_single_line_text]
    )
    languages = models.JSONField(
        _("languages taught in"), default=list, blank=True, help_text=_("Codes such as en, es.")
    )
    time_zone = models.CharField(_("provider's time zone"), max_length=64)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    deadline_on = models.DateField(
        _("application deadline"),
        null=True,
        blank=True,
        help_text=_("The last day to apply, in the provider's time zone. Empty: until it ends."),
    )
    # Derived from the days above and the zone (see start_of_day / end_of_day).
    starts_at = models.DateTimeField(editable=False)
    applications_close_at = models.DateTimeField(editable=False)
    ends_at = models.DateTimeField(editable=False)
    # No amount means free; a paid training has an amount and an ISO 4217 currency.
    cost_amount = models.DecimalField(
        _("cost"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    has_certificate = models.BooleanField(_("certificate"), default=False)
    url = models.URLField(_("web address"), max_length=URL_MAX, blank=True)
    audience = models.CharField(
        _("audience"), max_length=AUDIENCE_MAX, blank=True, validators=[validate_single_line_text]
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="trainings", verbose_name=_("themes")
    )
    thread = models.ForeignKey(
        Thread,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
        verbose_name=_("discussion thread"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=TrainingStatus.choices,
        default=TrainingStatus.PENDING,
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_trainings",
        verbose_name=_("suggested by"),
    )
    reviewed_by = models.ForeignKey(
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

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="training_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(deadline_on__isnull=True) | Q(deadline_on__lte=F("ends_on")),
                name="training_deadline_before_end",
            ),
            models.CheckConstraint(
                condition=(Q(cost_amount__isnull=True) & Q(currency=""))
                | (Q(cost_amount__gte=0) & ~Q(currency="")),
                name="training_cost_free_or_priced",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["status", "applications_close_at"], name="training_by_deadline"),
            models.Index(fields=["status", "starts_at"], name="training_by_start"),
            models.Index(fields=["status", "ends_at"], name="training_by_end"),
        ]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_free(self) -> bool:
        return self.cost_amount is None

    @property
    def needs_location(self) -> bool:
        return self.format in FORMATS_WITH_PLACE

    @property
    def closing_day(self) -> date:
        """The last day one may apply: the deadline, or the last day when there is none."""
        return self.deadline_on or self.ends_on

    def derive_instants(self) -> None:
        """Set the UTC instants from the days and the provider's zone (before saving)."""
        zone = str(self.time_zone)
        self.starts_at = start_of_day(self.starts_on, zone)
        self.ends_at = end_of_day(self.ends_on, zone)
        self.applications_close_at = end_of_day(self.closing_day, zone)
