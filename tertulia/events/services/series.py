"""Event series: an RFC 5545 recurrence rule and/or explicit dates, each occurrence a
real Event that can be edited, moved, given another speaker or cancelled alone.

How occurrences are computed: the rule is expanded with `dateutil.rrule` on *naive*
local wall-clock datetimes starting at `first_start_local`, the explicit extra dates
are added, and each local datetime is converted to UTC on its own date in the
organiser's zone. An interview "every other Thursday at 15:00 Europe/Paris" therefore
stays at 15:00 in Paris across daylight-saving changes, and moves for viewers whose
zones change on other dates (New York reads 09:00, then 10:00 in the weeks between the
American and the European change, then 09:00 again).

Local times follow RFC 5545 §3.3.5 (`local_to_utc(strict=False)`): an ambiguous time
means its first occurrence, a time in a gap is read with the offset before the gap. The
first start always counts as an occurrence (RFC 5545: DTSTART is the first instance),
even when the rule would not produce it. A rule must be bounded by COUNT or UNTIL,
repeat at most daily, and the series may not exceed MAX_OCCURRENCES (500) events.

`EventSeries.first_start` holds the local wall-clock reading. The column is time-zone
aware (USE_TZ), so it is stored labelled UTC: read it back with `series_first_start`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from itertools import islice
from typing import Any

import dateutil.rrule
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.timezones import UTC, UTC_ZONE, local_to_utc, utc_to_local, wall_clock
from tertulia.core.validators import validate_plausible_day
from tertulia.events.models import MAX_OCCURRENCES, Event, EventSeries, Speaker
from tertulia.events.permissions import check_create_event
from tertulia.events.services import fields
from tertulia.events.services.events import (
    cancel_event,
    clean_common_fields,
    set_speakers,
    update_event,
)
from tertulia.events.services.fields import FieldErrors

RRULE_MAX = 500
DURATION_MAX_MINUTES = 24 * 60
EXAMPLE_RULE = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=10"


def series_first_start(series: EventSeries) -> datetime:
    """The series' first start as the naive local wall-clock time it was typed as."""
    return series.first_start.astimezone(UTC_ZONE).replace(tzinfo=None)


_UTC_UNTIL = re.compile(r"UNTIL=(\d{8}T\d{6})Z", re.IGNORECASE)


def _local_until(rule_text: str, zone: str) -> str:
    """RFC 5545 wants UNTIL in UTC when DTSTART has a zone; we expand in naive local
    time, so a UTC UNTIL is turned into the organiser's wall-clock time."""

    def to_local(match: re.Match[str]) -> str:
        instant = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC_ZONE)
        return "UNTIL=" + utc_to_local(instant, zone).strftime("%Y%m%dT%H%M%S")

    return _UTC_UNTIL.sub(to_local, rule_text)


def _parse_rule(text: str, first_start: datetime, zone: str) -> dateutil.rrule.rrule:
    rule_text = text.strip()
    if rule_text.upper().startswith("RRULE:"):
        rule_text = rule_text[len("RRULE:") :]
    if len(rule_text) > RRULE_MAX or any(c in rule_text for c in "\r\n"):
        raise ValidationError(
            _("Write one recurrence rule on one line, like %(example)s."),
            code="invalid_rrule",
            params={"example": EXAMPLE_RULE},
        )
    try:
        rule_text = _local_until(rule_text, zone)
        rule = dateutil.rrule.rrulestr(rule_text, dtstart=first_start)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
        raise ValidationError(
            _(
                "We could not read this recurrence rule. Write it like %(example)s "
                "(every other Thursday, 10 times)."
            ),
            code="invalid_rrule",
            params={"example": EXAMPLE_RULE},
        ) from None
    if not isinstance(rule, dateutil.rrule.rrule):
        raise ValidationError(_("Give one recurrence rule only."), code="invalid_rrule")
    if rule._count is None and rule._until is None:
        raise ValidationError(
            _(
                "This rule never ends. Add COUNT (how many times) or UNTIL (the last "
                "date), like %(example)s."
            ),
            code="unbounded_rrule",
            params={"example": EXAMPLE_RULE},
        )
    if rule._freq > dateutil.rrule.DAILY:  # HOURLY, MINUTELY, SECONDLY
        raise ValidationError(
            _("A series can repeat at most once a day: use DAILY, WEEKLY, MONTHLY or YEARLY."),
            code="too_frequent",
        )
    return rule


def _too_many() -> ValidationError:
    return ValidationError(
        _("A series can have at most %(limit)s events. Use a smaller COUNT or an earlier UNTIL."),
        code="too_many_occurrences",
        params={"limit": MAX_OCCURRENCES},
    )


def _check_days(field: str, starts: Iterable[datetime]) -> None:
    """Every start on a day some calendar keeps (no year 1 or 9999), else an error at
    `field`."""
    for start in starts:
        try:
            validate_plausible_day(start)
        except ValidationError as error:
            raise ValidationError({field: error.error_list}) from None


def occurrence_local_starts(
    *,
    first_start_local: datetime,
    rrule: str = "",
    extra_dates_local: Sequence[datetime] = (),
    time_zone: str = UTC,
) -> list[datetime]:
    """The naive local starts of every occurrence, sorted and without duplicates.

    Raises ValidationError keyed to `rrule` (or `extra_dates_local`) for a rule we cannot
    read or that has no end, or for more than MAX_OCCURRENCES occurrences.
    """
    first = wall_clock(first_start_local)
    _check_days("first_start_local", [first])
    _check_days("extra_dates_local", extra_dates_local)
    starts = {first}
    if rrule.strip():
        try:
            rule = _parse_rule(rrule, first, time_zone)
            # The rule is bounded, but UNTIL far away with FREQ=DAILY can still be huge:
            # never expand more than one past the limit.
            starts.update(islice(rule, MAX_OCCURRENCES + 1))
        except ValidationError as error:
            raise ValidationError({"rrule": error.error_list}) from error
        except (ValueError, OverflowError):
            raise ValidationError({"rrule": _too_many()}) from None
        if len(starts) > MAX_OCCURRENCES:
            raise ValidationError({"rrule": _too_many()})
        _check_days("rrule", starts)
    starts.update(wall_clock(extra) for extra in extra_dates_local)
    if len(starts) > MAX_OCCURRENCES:
        field = "rrule" if rrule.strip() else "extra_dates_local"
        raise ValidationError({field: _too_many()})
    return sorted(starts)


def occurrence_starts(
    *,
    time_zone: str,
    first_start_local: datetime,
    rrule: str = "",
    extra_dates_local: Sequence[datetime] = (),
) -> list[datetime]:
    """The UTC instants of every occurrence, for a preview before saving."""
    try:
        zone = fields.clean_zone(time_zone)
    except ValidationError as error:
        raise ValidationError({"time_zone": error.error_list}) from error
    return [
        local_to_utc(start, zone, strict=False)
        for start in occurrence_local_starts(
            first_start_local=first_start_local,
            rrule=rrule,
            extra_dates_local=extra_dates_local,
            time_zone=zone,
        )
    ]


def _unique_slug(title: str) -> str:
    """A slug no series has yet. Another series may take it before ours is saved;
    `create_series` reports that at the title."""
    base = fields.slug_for(title, limit=100, default="series")
    slug, number = base, 1
    while EventSeries.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _slug_taken() -> ValidationError:
    return ValidationError(
        {
            "title": _(
                "Another series with this title was saved at the same moment. Send the form again."
            )
        }
    )


def _clean_duration(minutes: int) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValidationError(_("Give the duration in minutes."), code="invalid")
    if not 1 <= minutes <= DURATION_MAX_MINUTES:
        raise ValidationError(
            _("An event of a series lasts between 1 minute and %(limit)s minutes."),
            code="invalid",
            params={"limit": DURATION_MAX_MINUTES},
        )
    return minutes


def create_series(
    organiser: Member,
    *,
    title: str,
    kind: str,
    language: str = "",
    languages: Sequence[str] = (),
    time_zone: str,
    first_start_local: datetime,
    duration_minutes: int,
    rrule: str = "",
    extra_dates_local: Sequence[datetime] = (),
    description: str = "",
    join_url: str = "",
    place: str = "",
    capacity: int | None = None,
    speakers: Sequence[Speaker] = (),
    speakers_to_be_confirmed: bool = False,
) -> tuple[EventSeries, list[Event]]:
    """A series and all its occurrences, in one transaction (facilitators only).

    Without a `language`, it is detected from the title and description."""
    check_create_event(organiser)
    errors = FieldErrors()
    values = clean_common_fields(
        errors,
        {
            "title": title, "kind": kind, "language": language, "description": description,
            "join_url": join_url, "place": place, "capacity": capacity,
        },
    )  # fmt: skip
    series_languages: list[str] = []
    # Its own language first: the one chosen, else the one detected (an unknown code
    # chosen is named at `languages` too, as it would have been listed there).
    for code in [values["language"] or language, *languages]:
        try:
            clean = fields.clean_language(code)
        except ValidationError as error:
            errors.add("languages", ValidationError(error.messages[0], code=error.code))
            continue
        if clean not in series_languages:
            series_languages.append(clean)
    duration = errors.check("duration_minutes", lambda: _clean_duration(duration_minutes), 60)
    zone = errors.check("time_zone", lambda: fields.clean_zone(time_zone), "")
    local_starts: list[datetime] = []
    try:
        local_starts = occurrence_local_starts(
            first_start_local=first_start_local,
            rrule=rrule,
            extra_dates_local=extra_dates_local,
            time_zone=zone or UTC,
        )
    except ValidationError as error:
        for field, field_errors in error.error_dict.items():
            for problem in field_errors:
                errors.add(field, problem)
    errors.raise_if_any()

    slug = _unique_slug(values["title"])
    with transaction.atomic():
        now = timezone.now()
        try:
            with transaction.atomic():
                series = EventSeries.objects.create(
                    title=values["title"],
                    slug=slug,
                    description=values["description"],
                    description_html=values["description_html"],
                    kind=values["kind"],
                    languages=series_languages,
                    organiser=organiser,
                    time_zone=zone,
                    first_start=wall_clock(first_start_local).replace(tzinfo=UTC_ZONE),
                    duration_minutes=duration,
                    rrule=rrule.strip(),
                    created_at=now,
                )
        except IntegrityError:
            raise _slug_taken() from None
        events: list[Event] = []
        for local in local_starts:
            starts_at = local_to_utc(local, zone, strict=False)
            event = Event.objects.create(
                series=series,
                organiser=organiser,
                slug=fields.event_slug(values["title"]),
                time_zone=zone,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=duration),
                speakers_to_be_confirmed=speakers_to_be_confirmed,
                created_at=now,
                updated_at=now,
                **values,
            )
            if speakers:
                set_speakers(event, speakers)
            events.append(event)
    return series, events


# --- One occurrence at a time ---------------------------------------------------------------


def update_occurrence(actor: Member, event: Event, **changes: Any) -> Event:
    """Change one occurrence only (title, speakers, language, place, times...)."""
    return update_event(actor, event, **changes)


def move_occurrence(
    actor: Member,
    event: Event,
    *,
    starts_local: datetime,
    ends_local: datetime | None = None,
) -> Event:
    """Move one occurrence to another local time; without `ends_local` it keeps its
    length. A single date typed by hand follows the strict local-time rule."""
    changes: dict[str, Any] = {"starts_local": starts_local}
    if ends_local is None:
        ends_local = wall_clock(starts_local) + (event.ends_at - event.starts_at)
    changes["ends_local"] = ends_local
    return update_event(actor, event, **changes)


def cancel_occurrence(actor: Member, event: Event, *, note: str = "") -> Event:
    """Cancel this occurrence alone; the rest of the series goes on."""
    return cancel_event(actor, event, note=note)


def set_occurrence_speakers(
    actor: Member,
    event: Event,
    *,
    speakers: Sequence[Speaker],
    speakers_to_be_confirmed: bool = False,
) -> Event:
    """Give one occurrence its own speakers ("to be confirmed" allowed)."""
    return update_event(
        actor, event, speakers=speakers, speakers_to_be_confirmed=speakers_to_be_confirmed
    )
