"""A member's own events: what they registered for, and their private calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.events.models import CalendarFeed, Registration, RegistrationStatus

PAST_SHOWN = 30


@dataclass(frozen=True)
class MyEvents:
    upcoming: list[Registration]
    past: list[Registration]
    feed: CalendarFeed | None


def my_events(member: Member, now: datetime | None = None) -> MyEvents:
    """Upcoming registrations soonest first, then the latest past ones."""
    now = now or timezone.now()
    active = (
        Registration.objects.filter(
            member=member,
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED],
        )
        .select_related("event", "event__series")
        .only(
            "status",
            "waitlisted_at",
            "event__title",
            "event__slug",
            "event__kind",
            "event__language",
            "event__time_zone",
            "event__starts_at",
            "event__ends_at",
            "event__status",
            "event__recording_url",
            "event__series__title",
        )
    )
    upcoming = list(active.filter(event__ends_at__gt=now).order_by("event__starts_at", "id"))
    past = list(active.filter(event__ends_at__lte=now).order_by("-event__starts_at")[:PAST_SHOWN])
    feed = CalendarFeed.objects.filter(member=member).first()
    return MyEvents(upcoming=upcoming, past=past, feed=feed)
