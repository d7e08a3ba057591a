"""Reads for the facilitators' pages: an event to edit, its registrants."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404

from tertulia.events.models import Event, Registration, RegistrationStatus


def event_for_editing(event_id: int) -> Event:
    return get_object_or_404(
        Event.objects.select_related("series").prefetch_related("event_speakers__speaker"),
        pk=event_id,
    )


def event_for_action(event_id: int) -> Event:
    """The event a button acts on (register, cancel, ask...): no relations needed."""
    return get_object_or_404(Event, pk=event_id)


@dataclass(frozen=True)
class RegistrantsPage:
    event: Event
    registered: list[Registration]
    waitlisted: list[Registration]
    cancelled: list[Registration]


_STATUS_ORDER = Case(
    When(status=RegistrationStatus.REGISTERED, then=Value(0)),
    When(status=RegistrationStatus.WAITLISTED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def registrants_page(event: Event) -> RegistrantsPage:
    """Registered members by registration date, the waiting list in its order, then
    those who cancelled."""
    registrations = list(
        Registration.objects.filter(event=event)
        .select_related("member")
        .only(
            "status",
            "created_at",
            "waitlisted_at",
            "promoted_at",
            "cancelled_at",
            "attended",
            "event_id",
            "member__display_name",
            "member__email",
            "member__country",
            "member__time_zone",
        )
        .annotate(status_order=_STATUS_ORDER)
        .order_by("status_order", "waitlisted_at", "created_at", "id")
    )
    by_status: dict[str, list[Registration]] = {s: [] for s in RegistrationStatus.values}
    for registration in registrations:
        by_status[registration.status].append(registration)
    return RegistrantsPage(
        event=event,
        registered=by_status[RegistrationStatus.REGISTERED],
        waitlisted=by_status[RegistrationStatus.WAITLISTED],
        cancelled=by_status[RegistrationStatus.CANCELLED],
    )
