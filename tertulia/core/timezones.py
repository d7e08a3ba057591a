"""IANA time zones: validation, choices, local wall-clock time and UTC, and how a time
is shown in one or several zones ("15:00 CEST Paris · 09:00 EDT New York")."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from datetime import datetime, timedelta
from functools import cache

from babel.dates import get_timezone_location
from django.core.exceptions import ValidationError
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tertulia.core.validators import validate_plausible_day

UTC = "UTC"
UTC_ZONE = dt.UTC
# Legacy aliases ("US/Eastern", "Etc/GMT+3") stay valid input but are not offered.
_OFFERED_PREFIXES = (
    "Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/",
    "Indian/", "Pacific/",
)  # fmt: skip


@cache
def available_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def zone_choices() -> list[tuple[str, str]]:
    offered = sorted(z for z in available_zones() if z.startswith(_OFFERED_PREFIXES))
    return [(UTC, UTC), *((z, z.replace("_", " ")) for z in offered)]


def is_valid_zone(name: str) -> bool:
    return name in available_zones()


def validate_zone(name: str) -> None:
    if not is_valid_zone(name):
        raise ValidationError(
            gettext_lazy("“%(zone)s” is not a time zone we know. Choose one from the list."),
            code="unknown_zone",
            params={"zone": name[:64]},
        )


# --- Local wall-clock time and UTC ---------------------------------------------------------
#
# The local-time rule. Organisers type times as they read them on their own clock, in
# their IANA zone; we store UTC. Two kinds of local time have no single UTC instant:
#
# - a time in a *gap*, when clocks go forward (02:30 on 29 March 2026 in Europe/Paris
#   never happens: at 02:00 the clocks jump to 03:00);
# - an *ambiguous* time, when clocks go back (01:30 on 1 November 2026 in
#   America/New_York happens twice).
#
# A single event (`strict=True`) is rejected with an explanation that names the date,
# the zone and what the clocks do, so the organiser picks a real time. A series
# (`strict=False`) follows RFC 5545 §3.3.5: an ambiguous time means its first
# occurrence (the earlier instant), and a time in a gap is read with the UTC offset from
# before the gap (02:30 becomes 03:30 summer time). Python's `fold=0` means exactly
# that for both cases (PEP 495), so a series never fails on one unlucky date.


@cache
def zone_info(name: str) -> zoneinfo.ZoneInfo:
    """The ZoneInfo for a valid zone name; ValidationError for an unknown one."""
    validate_zone(name)
    return zoneinfo.ZoneInfo(name)


def wall_clock(value: datetime) -> datetime:
    """The naive wall-clock reading of a datetime (any tzinfo is dropped, not applied).

    Forms may hand back datetimes made aware in the viewer's zone; what the organiser
    typed is still their wall-clock fields, which is what the local-time rule reads.
    """
    return value.replace(tzinfo=None, fold=0)


def utc_to_local(value: datetime, zone: str) -> datetime:
    """The naive local wall-clock reading of an aware instant in `zone`."""
    return value.astimezone(zone_info(zone)).replace(tzinfo=None)


def _offset(naive: datetime, zone: zoneinfo.ZoneInfo, fold: int) -> timedelta:
    return naive.replace(tzinfo=zone, fold=fold).utcoffset() or timedelta(0)


def _transition_near(naive: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    """The UTC instant of the offset change that makes `naive` a gap or fold."""
    low = naive.replace(tzinfo=zone, fold=0).astimezone(UTC_ZONE) - timedelta(hours=30)
    high = low + timedelta(hours=60)
    before = low.astimezone(zone).utcoffset()
    # The transition lies within a day of the local time; halve to the second.
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0)


def local_time_problem(naive: datetime, zone: str) -> str:
    """ "gap" when the wall-clock time does not exist in the zone, "fold" when it happens
    twice, "" when it names exactly one instant."""
    info = zone_info(zone)
    naive = wall_clock(naive)
    if _offset(naive, info, 0) == _offset(naive, info, 1):
        return ""
    round_trip = naive.replace(tzinfo=info).astimezone(UTC_ZONE).astimezone(info)
    return "gap" if round_trip.replace(tzinfo=None) != naive else "fold"


def _clock(value: datetime) -> str:
    return value.strftime("%H:%M")


def explain_local_time_problem(naive: datetime, zone: str) -> str:
    """A sentence telling the organiser why this local time cannot be used, or ""."""
    problem = local_time_problem(naive, zone)
    if not problem:
        return ""
    info = zone_info(zone)
    naive = wall_clock(naive)
    transition = _transition_near(naive, info)
    before = (transition - timedelta(seconds=1)).astimezone(info).utcoffset() or timedelta(0)
    after = transition.astimezone(info).utcoffset() or timedelta(0)
    params = {
        "time": _clock(naive),
        "date": formats.date_format(naive.date(), "DATE_FORMAT"),
        "zone": zone,
        "from": _clock((transition + before).replace(tzinfo=None)),
        "to": _clock((transition + after).replace(tzinfo=None)),
    }
    if problem == "gap":
        return (
            _(
                "%(time)s does not exist on %(date)s in %(zone)s: clocks go forward from "
                "%(from)s to %(to)s. Choose a time before %(from)s or from %(to)s."
            )
            % params
        )
    return (
        _(
            "%(time)s happens twice on %(date)s in %(zone)s: clocks go back from %(from)s "
            "to %(to)s. Choose a time before %(to)s or from %(from)s."
        )
        % params
    )


def local_to_utc(naive: datetime, zone: str, *, strict: bool) -> datetime:
    """The UTC instant of a wall-clock time in `zone`, by the local-time rule above.

    Raises ValidationError for an unknown zone (code "unknown_zone"), for a day too far
    away to have an instant ("implausible_date") and, when `strict`, for a time in a gap
    ("nonexistent_local_time") or an ambiguous one ("ambiguous_local_time"), with the
    explanation as message.
    """
    info = zone_info(zone)
    naive = wall_clock(naive)
    try:
        if strict:
            problem = local_time_problem(naive, zone)
            if problem:
                raise ValidationError(
                    explain_local_time_problem(naive, zone),
                    code="nonexistent_local_time" if problem == "gap" else "ambiguous_local_time",
                )
        return naive.replace(tzinfo=info, fold=0).astimezone(UTC_ZONE)
    except OverflowError:
        # Only the first and last days Python knows overflow; they are no one's event.
        validate_plausible_day(naive.date())
        raise


# --- Showing times -------------------------------------------------------------------------


def zone_city(zone: str) -> str:
    """The place a zone is named after, in the active language ("America/New_York" ->
    "New York", "Nueva York" in Spanish); the zone itself for UTC and offsets."""
    if zone == UTC or not is_valid_zone(zone):
        return zone
    try:
        city = str(get_timezone_location(zone, locale=_babel_locale(), return_city=True))
    except (LookupError, ValueError):
        city = ""
    # Babel falls back to the zone's path for cities CLDR does not name.
    city = city.rsplit("/", 1)[-1] if city else zone.rsplit("/", 1)[-1]
    return city.replace("_", " ")


def _babel_locale() -> str:
    return (translation.get_language() or "en").replace("-", "_")


def zone_abbreviation(value: datetime, zone: str) -> str:
    """ "CEST", "EDT", or "UTC-3" where the zone has no letters for its time."""
    name = value.astimezone(zone_info(zone)).tzname() or ""
    if name[:1] in {"+", "-"}:
        sign, digits = name[0], name[1:]
        hours, minutes = int(digits[:2]), digits[2:4]
        return f"UTC{sign}{hours}" + (f":{minutes}" if minutes and minutes != "00" else "")
    return name


def format_local_datetime(value: datetime, zone: str) -> str:
    """Date, time and abbreviation in `zone`, in the active language:
    "May 23, 2017, 15:00 CEST" / "23 de mayo de 2017, 15:00 CEST" /
    "23 mai 2017 à 15:00 CEST" (the joining words are the catalogue's)."""
    local = value.astimezone(zone_info(zone))
    return _("%(date)s, %(time)s %(abbreviation)s") % {
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": _clock(local),
        "abbreviation": zone_abbreviation(value, zone),
    }


def format_time_in_zones(value: datetime, *zones: str) -> str:
    """The time in several zones, first zone first: "15:00 CEST Paris · 09:00 EDT New York".

    A zone repeated (or reading the same) is shown once; a part whose date differs from
    the first part's names its day ("00:00 AEDT Sydney (27 March)").
    """
    parts: list[str] = []
    first_date = None
    for zone in dict.fromkeys(z for z in zones if z and is_valid_zone(z)):
        local = value.astimezone(zone_info(zone))
        abbreviation, city = zone_abbreviation(value, zone), zone_city(zone)
        part = _("%(time)s %(abbreviation)s %(city)s") % {
            "time": _clock(local),
            "abbreviation": abbreviation,
            # "UTC UTC" says nothing twice.
            "city": "" if city == abbreviation else city,
        }
        part = " ".join(part.split())
        if first_date is None:
            first_date = local.date()
        elif local.date() != first_date:
            part = _("%(time_and_place)s (%(day)s)") % {
                "time_and_place": part,
                "day": formats.date_format(local, "MONTH_DAY_FORMAT"),
            }
        if part not in parts:
            parts.append(part)
    return " · ".join(parts)
