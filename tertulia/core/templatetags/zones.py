"""Times shown in time zones, DST-correct and in the active language.

{% load zones %}
{% time_in_zones event.starts_at request.time_zone event.time_zone %}
    -> "15:00 CEST Paris · 09:00 EDT New York" (the viewer's zone first)
{% local_datetime event.starts_at event.time_zone %}
    -> "23 de mayo de 2017, 15:00 CEST" (in Spanish)
{{ event.time_zone|zone_city }} -> "New York"
"""

from __future__ import annotations

from datetime import datetime

from django import template

from tertulia.core.timezones import (
    format_local_datetime,
    format_time_in_zones,
    is_valid_zone,
    zone_abbreviation,
)
from tertulia.core.timezones import zone_city as _zone_city

register = template.Library()


@register.simple_tag
def time_in_zones(value: datetime | None, *zones: str) -> str:
    """The time in each zone given, the first (the viewer's) first; once if the same."""
    if value is None:
        return ""
    return format_time_in_zones(value, *zones)


@register.simple_tag
def local_datetime(value: datetime | None, zone: str) -> str:
    """Date, time and zone abbreviation of `value` in `zone`."""
    if value is None or not is_valid_zone(zone):
        return ""
    return format_local_datetime(value, zone)


@register.simple_tag
def zone_abbr(value: datetime | None, zone: str) -> str:
    """ "CEST", "EDT" or "UTC-3": the abbreviation in force in `zone` at `value`."""
    if value is None or not is_valid_zone(zone):
        return ""
    return zone_abbreviation(value, zone)


@register.filter
def zone_city(zone: str) -> str:
    return _zone_city(str(zone))
