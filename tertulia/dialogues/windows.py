"""A dialogue's window: days typed in the facilitator's zone, kept as UTC instants.

"24 April to 14 May" in Europe/Madrid means from the first instant of 24 April there to
the first instant of 15 May there. The first instant of a day is usually 00:00; where
clocks spring forward at midnight (America/Santiago, Asia/Beirut) 00:00 does not exist
and the day starts at 01:00. Reading 00:00 with `fold=0` gives exactly that: zoneinfo
reads a time in a gap with the offset before the gap, which lands on the transition, and
an ambiguous time as its first occurrence. So a window is always whole local days.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

# A dialogue runs about three weeks; a window longer than a year is a typing mistake.
MAX_WINDOW_DAYS = 366


def start_of_day(day: date, zone: str) -> datetime:
    """The first instant of `day` in `zone`, in UTC."""
    local = datetime.combine(day, time(0), tzinfo=zoneinfo.ZoneInfo(zone))
    return local.astimezone(UTC)


def day_window(opens_on: date, closes_on: date, zone: str) -> tuple[datetime, datetime]:
    """UTC instants from the start of the first day to the end of the last day."""
    return start_of_day(opens_on, zone), start_of_day(closes_on + timedelta(days=1), zone)


@dataclass(frozen=True)
class LocalDates:
    """The window as a viewer in another zone reads it: first and last day, and instants."""

    opens_at: datetime
    closes_at: datetime
    first_day: date
    last_day: date


def dates_in_zone(opens_at: datetime, closes_at: datetime, zone: str) -> LocalDates:
    """The window seen from `zone`: it may start the evening before, or end a day later."""
    tz = zoneinfo.ZoneInfo(zone)
    opens = opens_at.astimezone(tz)
    closes = closes_at.astimezone(tz)
    # The window ends at an exclusive instant; the last day is the one it ends in.
    last = (closes - timedelta(microseconds=1)).date()
    return LocalDates(opens_at=opens, closes_at=closes, first_day=opens.date(), last_day=last)
