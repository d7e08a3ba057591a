"""IANA time zones: validation, choices and the zone a request is shown in."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UTC = "UTC"
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
            _("“%(zone)s” is not a time zone we know. Choose one from the list."),
            code="unknown_zone",
            params={"zone": name[:64]},
        )
