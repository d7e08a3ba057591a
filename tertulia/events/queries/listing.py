"""The upcoming and past event lists, with their filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.core.languages import language_name
from tertulia.core.pagination import paginate
from tertulia.events.models import Event, EventSeries, EventStatus, Registration, RegistrationStatus

EVENTS_PER_PAGE = 20


@dataclass(frozen=True)
class EventRow:
    """One event in a list, with what the row says about places and the viewer."""

    event: Event
    viewer_status: str  # the viewer's registration status, "" when none

    @property
    def places_left(self) -> int | None:
        if self.event.capacity is None:
            return None
        return max(0, self.event.capacity - self.event.registered_count)

    @property
    def language_label(self) -> str:
        return language_name(self.event.language)

    @property
    def is_registered(self) -> bool:
        return self.viewer_status == RegistrationStatus.REGISTERED

    @property
    def is_waitlisted(self) -> bool:
        return self.viewer_status == RegistrationStatus.WAITLISTED


@dataclass(frozen=True)
class EventListPage:
    page: Page[Event]
    rows: list[EventRow]


def series_choices() -> list[tuple[int, str]]:
    """Every series, for the filter."""
    return [(pk, str(title)) for pk, title in EventSeries.objects.values_list("pk", "title")]


def _filtered(events: QuerySet[Event], filters: dict[str, Any]) -> QuerySet[Event]:
    if filters.get("kind"):
        events = events.filter(kind=filters["kind"])
    if filters.get("language"):
        events = events.filter(language=filters["language"])
    if filters.get("series"):
        events = events.filter(series_id=filters["series"])
    if filters.get("dialogue"):
        # The dialogues app links its events; events never import dialogues, so the
        # filter goes through the reverse relation by name.
        events = events.filter(dialogues__number=filters["dialogue"])
    return events


def _list_columns(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("series").only(
        "title",
        "slug",
        "kind",
        "language",
        "time_zone",
        "starts_at",
        "ends_at",
        "status",
        "place",
        "join_url",
        "capacity",
        "registered_count",
        "waitlist_count",
        "recording_url",
        "slides_url",
        "speakers_to_be_confirmed",
        "series__title",
        "series__slug",
    )


def _rows(viewer: Viewer, page: Page[Event]) -> list[EventRow]:
    events = list(page.object_list)
    statuses: dict[int, str] = {}
    if isinstance(viewer, Member) and events:
        statuses = dict(
            Registration.objects.filter(
                member=viewer,
                event__in=[e.pk for e in events],
                status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED],
            ).values_list("event_id", "status")
        )
    return [EventRow(event=e, viewer_status=statuses.get(e.pk, "")) for e in events]


def upcoming_events(
    viewer: Viewer, filters: dict[str, Any], page_number: str | None, now: datetime | None = None
) -> EventListPage:
    """Events not yet over (cancelled ones too, marked), soonest first."""
    now = now or timezone.now()
    events = _filtered(Event.objects.filter(ends_at__gt=now), filters)
    page = paginate(_list_columns(events).order_by("starts_at", "id"), page_number, EVENTS_PER_PAGE)
    return EventListPage(page=page, rows=_rows(viewer, page))


def past_events(
    viewer: Viewer, filters: dict[str, Any], page_number: str | None, now: datetime | None = None
) -> EventListPage:
    """Events that took place, latest first, with their recordings."""
    now = now or timezone.now()
    events = _filtered(
        Event.objects.filter(ends_at__lte=now).exclude(status=EventStatus.CANCELLED), filters
    )
    page = paginate(
        _list_columns(events).order_by("-starts_at", "-id"), page_number, EVENTS_PER_PAGE
    )
    return EventListPage(page=page, rows=_rows(viewer, page))
