"""Everything the event page shows, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.core.languages import language_name
from tertulia.events.models import (
    Event,
    EventSpeaker,
    Registration,
    RegistrationStatus,
    Speaker,
)
from tertulia.events.permissions import (
    ask_refusal,
    can_manage_event,
    can_see_join_link,
    join_opens_at,
    register_refusal,
)
from tertulia.events.queries.questions import QuestionRow, event_questions
from tertulia.events.services.registration import ZoneRow, registrant_zone_table


def event_with_speakers(event_id: int) -> Event:
    """The event, its organiser, series and speakers in order (404 when there is none)."""
    speakers = Prefetch(
        "event_speakers",
        queryset=EventSpeaker.objects.select_related("speaker").order_by("position", "id"),
    )
    return get_object_or_404(
        Event.objects.select_related("organiser", "series").prefetch_related(speakers),
        pk=event_id,
    )


def viewer_registration(viewer: Viewer, event: Event) -> Registration | None:
    if not isinstance(viewer, Member):
        return None
    return Registration.objects.filter(event=event, member=viewer).first()


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED or registration.waitlisted_at is None:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def series_neighbours(event: Event) -> tuple[Event | None, Event | None]:
    """The occurrences just before and just after this one in its series."""
    if event.series_id is None:
        return None, None
    siblings = Event.objects.filter(series_id=event.series_id).exclude(pk=event.pk)
    columns = ("title", "slug", "starts_at", "time_zone", "status")
    previous = (
        siblings.filter(starts_at__lt=event.starts_at)
        .only(*columns)
        .order_by("-starts_at", "-id")
        .first()
    )
    following = (
        siblings.filter(starts_at__gte=event.starts_at)
        .only(*columns)
        .order_by("starts_at", "id")
        .first()
    )
    return previous, following


@dataclass
class EventPage:
    event: Event
    now: datetime
    registration: Registration | None
    waitlist_position: int | None
    questions: list[QuestionRow]
    previous_occurrence: Event | None
    next_occurrence: Event | None
    can_manage: bool
    register_refusal: str
    ask_refusal: str
    join_link_visible: bool
    zone_table: list[ZoneRow] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)

    @property
    def is_over(self) -> bool:
        return self.event.ends_at <= self.now

    @property
    def is_ongoing(self) -> bool:
        return self.event.starts_at <= self.now < self.event.ends_at

    @property
    def is_registered(self) -> bool:
        return (
            self.registration is not None
            and self.registration.status == RegistrationStatus.REGISTERED
        )

    @property
    def is_waitlisted(self) -> bool:
        return (
            self.registration is not None
            and self.registration.status == RegistrationStatus.WAITLISTED
        )

    @property
    def language_label(self) -> str:
        return language_name(self.event.language)

    @property
    def join_opens_at(self) -> datetime:
        return join_opens_at(self.event)

    @property
    def places_left(self) -> int | None:
        if self.event.capacity is None:
            return None
        return max(0, self.event.capacity - self.event.registered_count)


def event_page(viewer: Viewer, event_id: int, *, now: datetime | None = None) -> EventPage:
    """The event page for this viewer at this moment."""
    now = now or timezone.now()
    event = event_with_speakers(event_id)
    registration = viewer_registration(viewer, event)
    previous, following = series_neighbours(event)
    is_over = event.ends_at <= now
    return EventPage(
        event=event,
        now=now,
        registration=registration,
        waitlist_position=waitlist_position(registration) if registration else None,
        questions=event_questions(viewer, event, is_over=is_over),
        previous_occurrence=previous,
        next_occurrence=following,
        can_manage=can_manage_event(viewer, event),
        register_refusal=register_refusal(viewer, event, now),
        ask_refusal=ask_refusal(viewer, event, now, registration),
        join_link_visible=can_see_join_link(viewer, event, now, registration),
        zone_table=registrant_zone_table(event),
        speakers=[link.speaker for link in event.event_speakers.all()],
    )
