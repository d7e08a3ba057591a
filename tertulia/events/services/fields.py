"""Validation shared by events and series: each check raises a ValidationError keyed to
the service keyword (and form field) at fault, and `FieldErrors` gathers them so a form
shows every problem at once and nothing is saved.

Field names are the services' keyword names: `title`, `kind`, `language`,
`time_zone`, `starts_local`, `ends_local`, `description`, `join_url`, `place`,
`capacity`, `first_start_local`, `duration_minutes`, `rrule`, `extra_dates_local`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from tertulia.core import slugs
from tertulia.core.languages import SPOKEN_LANGUAGE_CODES
from tertulia.core.markdown import render_markdown
from tertulia.core.timezones import local_to_utc, validate_zone
from tertulia.core.validators import (
    validate_multiline_text,
    validate_plausible_day,
    validate_single_line_text,
)
from tertulia.events.models import DESCRIPTION_MAX, TITLE_MAX, EventKind

T = TypeVar("T")
URL_MAX = 500
PLACE_MAX = 300
NOTE_MAX = 2_000
CAPACITY_MAX = 100_000
SLUG_MAX = 120
# A slug goes percent-encoded into addresses (and notification links, at most 500
# characters): an Arabic letter takes 6 characters there, a Chinese one 9.
_http_url = URLValidator(schemes=["http", "https"])


class FieldErrors:
    """Collects field errors; `raise_if_any` raises them as one ValidationError dict."""

    def __init__(self) -> None:
        self.errors: dict[str, list[ValidationError]] = {}

    def add(self, field: str, error: ValidationError | str) -> None:
        if isinstance(error, str):
            error = ValidationError(error)
        self.errors.setdefault(field, []).append(error)

    def check(self, field: str, clean: Callable[[], T], default: T) -> T:
        """Run `clean`; on a ValidationError record it under `field` and return `default`."""
        try:
            return clean()
        except ValidationError as error:
            for message in error.messages:
                self.add(field, ValidationError(message, code=error.code))
            return default

    def has(self, field: str) -> bool:
        return field in self.errors

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(dict(self.errors))


def clean_title(title: str) -> str:
    text = " ".join(title.split())
    if not text:
        raise ValidationError(_("Give the event a title."), code="required")
    if len(text) > TITLE_MAX:
        raise ValidationError(
            _("A title can be at most %(limit)s characters long."),
            code="too_long",
            params={"limit": TITLE_MAX},
        )
    validate_single_line_text(text)
    return text


def clean_kind(kind: str) -> str:
    if kind not in EventKind.values:
        raise ValidationError(_("Choose the kind of event from the list."), code="invalid")
    return kind


def clean_language(language: str) -> str:
    code = language.strip().lower()
    if code not in SPOKEN_LANGUAGE_CODES:
        raise ValidationError(_("Choose the language from the list."), code="invalid")
    return code


def clean_description(description: str) -> tuple[str, str]:
    """The Markdown source, stripped, and its sanitised HTML."""
    text = description.strip()
    if len(text) > DESCRIPTION_MAX:
        raise ValidationError(
            _("The description can be at most %(limit)s characters long; it has %(length)s."),
            code="too_long",
            params={"limit": f"{DESCRIPTION_MAX:,}", "length": f"{len(text):,}"},
        )
    validate_multiline_text(text)
    return text, render_markdown(text) if text else ""


def clean_url(value: str) -> str:
    """An http or https address, or "" for none."""
    url = value.strip()
    if not url:
        return ""
    if len(url) > URL_MAX:
        raise ValidationError(
            _("This address is longer than %(limit)s characters."),
            code="too_long",
            params={"limit": URL_MAX},
        )
    try:
        _http_url(url)
    except ValidationError:
        raise ValidationError(
            _("Enter a full web address starting with https:// (or http://)."), code="invalid"
        ) from None
    return url


def clean_place(place: str) -> str:
    text = " ".join(place.split())
    if len(text) > PLACE_MAX:
        raise ValidationError(
            _("The place can be at most %(limit)s characters long."),
            code="too_long",
            params={"limit": PLACE_MAX},
        )
    validate_single_line_text(text)
    return text


def clean_capacity(capacity: int | None) -> int | None:
    if capacity is None:
        return None
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
        raise ValidationError(
            _("Capacity is a number of places, at least 1. Leave it empty for no limit."),
            code="invalid",
        )
    if capacity > CAPACITY_MAX:
        raise ValidationError(
            _("Capacity can be at most %(limit)s places. Leave it empty for no limit."),
            code="too_large",
            params={"limit": f"{CAPACITY_MAX:,}"},
        )
    return capacity


def clean_note(note: str) -> str:
    text = note.strip()
    if len(text) > NOTE_MAX:
        raise ValidationError(
            _("The note can be at most %(limit)s characters long."),
            code="too_long",
            params={"limit": f"{NOTE_MAX:,}"},
        )
    validate_multiline_text(text)
    return text


def clean_zone(time_zone: str) -> str:
    zone = time_zone.strip()
    validate_zone(zone)
    return zone


def clean_single_time(naive: datetime, zone: str) -> datetime:
    """A single event's local time as UTC; gaps and ambiguous times, and days outside
    any calendar we keep, are refused."""
    validate_plausible_day(naive)
    return local_to_utc(naive, zone, strict=True)


def slug_for(title: str, *, limit: int = SLUG_MAX, default: str) -> str:
    return slugs.slug_for(title, limit=limit, default=default)


def event_slug(title: str) -> str:
    return slug_for(title, default="event")
