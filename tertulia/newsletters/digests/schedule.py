"""When a member's digest is due, and which stretch of time it covers.

- The daily digest goes out at the member's digest hour (0-23, `MailSettings`) on their
  own clock, in their IANA zone, every day; the weekly one at that hour on Monday, the
  first working day in most of the community's countries.
- "At the hour" means the first run at or after it on the same local day: a run that was
  missed (cron or worker down) is caught up later that day, never the next day, and a
  digest never leaves before its hour. Runs every 15 minutes reach every zone on time,
  including those 30 or 45 minutes off the hour (Asia/Kolkata +5:30, Asia/Kathmandu
  +5:45: their 07:00 is 01:30 and 01:15 UTC); an hourly run sends there at 07:30 and
  07:45 local.
- The hour is a wall-clock time, so it follows daylight-saving time: 07:00 in Paris is
  06:00 UTC in winter and 05:00 UTC in summer. An hour that does not exist that day
  (clocks jump 02:00 → 03:00) is read with the offset from before the jump (RFC 5545, as
  in `core.timezones`), so it is 03:00 that day; an hour that happens twice means the
  first one.
- A digest covers the period from the previous digest's hour to this one's
  (`Period.start` to `Period.end`): 23, 24 or 25 hours for a daily digest around clock
  changes, a week for the weekly one. Its agenda looks ahead to the next digest
  (`Period.next_end`). Bounds are the scheduled instants, not the moment a late run
  happened, so consecutive digests neither overlap nor leave a gap (after a member
  changes their hour, the first period is shorter or longer once).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import CharField, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from tertulia.accounts.models import Member
from tertulia.core.timezones import UTC, is_valid_zone, local_to_utc, zone_info
from tertulia.newsletters.digests.cadences import Cadence
from tertulia.notifications.models import DigestFormat, MailSettings

MONDAY = 0
DEFAULT_DIGEST_HOUR: int = MailSettings._meta.get_field("digest_hour").get_default()
HOURS = range(24)


def effective_zone(zone: str) -> str:
    """A member's zone, or UTC when the stored one is not a zone we know."""
    return zone if is_valid_zone(zone) else UTC


def local_day(now: datetime, zone: str) -> date:
    return now.astimezone(zone_info(effective_zone(zone))).date()


def scheduled_instant(day: date, hour: int, zone: str) -> datetime:
    """The UTC instant of `hour`:00 on the local `day` in `zone`."""
    return local_to_utc(datetime.combine(day, time(hour)), effective_zone(zone), strict=False)


def _step(cadence: Cadence) -> timedelta:
    return timedelta(days=1) if cadence == Cadence.DAILY else timedelta(weeks=1)


def is_digest_day(cadence: Cadence, day: date) -> bool:
    return cadence == Cadence.DAILY or day.weekday() == MONDAY


@dataclass(frozen=True)
class Period:
    cadence: Cadence
    local_day: date  # the member's date the digest belongs to (names its mail row)
    start: datetime  # the previous digest's scheduled instant
    end: datetime  # this digest's scheduled instant
    next_end: datetime  # the next digest's scheduled instant (the agenda's horizon)


def due_period(cadence: Cadence, now: datetime, zone: str, hour: int) -> Period | None:
    """The period whose digest is due at `now` for a member in `zone` with `hour`, or
    None before the hour or on a day without that digest."""
    day = local_day(now, zone)
    if not is_digest_day(cadence, day):
        return None
    end = scheduled_instant(day, hour, zone)
    if now < end:
        return None
    step = _step(cadence)
    return Period(
        cadence=cadence,
        local_day=day,
        start=scheduled_instant(day - step, hour, zone),
        end=end,
        next_end=scheduled_instant(day + step, hour, zone),
    )


def idempotency_key(cadence: Cadence, member_id: int, day: date) -> str:
    """The OutgoingMail key: one digest per member, cadence and local day."""
    return f"digest:{cadence}:{member_id}:{day.isoformat()}"


def _latest_due_hour(cadence: Cadence, now: datetime, zone: str) -> int:
    """The highest digest hour already reached today in `zone`; -1 when none is (or the
    day has no such digest)."""
    day = local_day(now, zone)
    if not is_digest_day(cadence, day):
        return -1
    reached = [hour for hour in HOURS if scheduled_instant(day, hour, zone) <= now]
    return max(reached, default=-1)


def recipients() -> QuerySet[Member]:
    """Members a digest may go to, with their digest hour and format (defaults filled)."""
    return (
        Member.objects.filter(is_active=True)
        .exclude(email="")
        .annotate(
            digest_hour_value=Coalesce(
                "mail_settings__digest_hour",
                Value(DEFAULT_DIGEST_HOUR),
                output_field=IntegerField(),
            ),
            digest_format_value=Coalesce(
                "mail_settings__digest_format",
                Value(str(DigestFormat.FULL)),
                output_field=CharField(),
            ),
        )
    )


def reached_hour_filter(cadence: Cadence, now: datetime) -> Q:
    """Members whose digest hour has come today on their own clock.

    Zones are grouped by the latest hour reached there, so the filter has one term per
    distinct local hour (a few dozen), not one per zone.
    """
    zones = (
        Member.objects.filter(is_active=True)
        .order_by()
        .values_list("time_zone", flat=True)
        .distinct()
    )
    by_hour: dict[int, list[str]] = defaultdict(list)
    for zone in zones:
        hour = _latest_due_hour(cadence, now, zone)
        if hour >= 0:
            by_hour[hour].append(zone)
    reached = Q(pk__in=[])
    for hour, zone_names in by_hour.items():
        reached |= Q(time_zone__in=zone_names, digest_hour_value__lte=hour)
    return reached
