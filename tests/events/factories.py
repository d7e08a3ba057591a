"""Events test data: rows as the services leave them, with keyword-only arguments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import F
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.events.models import (
    Event,
    EventKind,
    Registration,
    RegistrationStatus,
    Speaker,
)
from tests.factories import make_facilitator


def make_event(
    *,
    title: str = "Gender-responsive budgeting in practice",
    kind: str = EventKind.WEBINAR,
    starts_at: datetime | None = None,
    duration: timedelta = timedelta(hours=1),
    time_zone: str = "Europe/Paris",
    organiser: Member | None = None,
    description: str = "",
    **fields: Any,
) -> Event:
    """An event a week from now (unless `starts_at` is given), one hour long."""
    from django.utils.text import slugify

    starts_at = starts_at or timezone.now().replace(microsecond=0) + timedelta(days=7)
    return Event.objects.create(
        title=title,
        slug=slugify(title)[:120] or "event",
        kind=kind,
        starts_at=starts_at,
        ends_at=starts_at + duration,
        time_zone=time_zone,
        organiser=organiser or make_facilitator(),
        description=description,
        description_html=render_markdown(description),
        **fields,
    )


def make_speaker(*, name: str = "Clemencia Muñoz", **fields: Any) -> Speaker:
    return Speaker.objects.create(name=name, **fields)


def make_registration(
    *, event: Event, member: Member, status: str = RegistrationStatus.REGISTERED
) -> Registration:
    """A registration with the event's counters kept as the registration service keeps them."""
    now = timezone.now()
    registration = Registration.objects.create(
        event=event,
        member=member,
        status=status,
        waitlisted_at=now if status == RegistrationStatus.WAITLISTED else None,
    )
    if status == RegistrationStatus.REGISTERED:
        Event.objects.filter(pk=event.pk).update(registered_count=F("registered_count") + 1)
    elif status == RegistrationStatus.WAITLISTED:
        Event.objects.filter(pk=event.pk).update(waitlist_count=F("waitlist_count") + 1)
    event.refresh_from_db(fields=["registered_count", "waitlist_count"])
    return registration


# --- Pages (events-pages) --------------------------------------------------------------


def event_page_url(event: Event) -> str:
    from django.urls import reverse

    return reverse("event-detail", kwargs={"event_id": event.pk, "slug": event.slug})


def make_series(*, title: str = "Interviews with trainers", **fields: Any) -> Any:
    """A series row (its events are made with make_event(series=...))."""
    from django.utils.text import slugify

    from tertulia.events.models import EventSeries

    fields.setdefault("organiser", make_facilitator())
    fields.setdefault("kind", EventKind.INTERVIEW)
    fields.setdefault("time_zone", "Europe/Paris")
    # The local wall-clock reading, stored labelled UTC (see services/series.py).
    fields.setdefault("first_start", datetime(2026, 5, 14, 15, 0, tzinfo=UTC))
    return EventSeries.objects.create(title=title, slug=slugify(title), **fields)


def make_question(*, event: Event, author: Member, body: str = "What works?", **fields: Any) -> Any:
    from tertulia.events.models import Question

    return Question.objects.create(event=event, author=author, body=body, **fields)


# --- events-core helpers: calendar files and mail ---------------------------------------


def parse_ics(payload: bytes | str) -> Any:
    """The VEVENTs of an .ics payload, parsed back with the icalendar library."""
    import icalendar

    calendar = icalendar.Calendar.from_ical(payload)
    return calendar.walk("VEVENT")


def calendar_attachment(message: Any) -> tuple[str, str]:
    """(Content-Type header, body) of the text/calendar part of a sent mail."""
    for part in message.message().walk():
        if part.get_content_type() == "text/calendar":
            return str(part["Content-Type"]), part.get_payload(decode=True).decode()
    raise AssertionError("the mail has no calendar file")


def html_part(message: Any) -> str:
    return str(next(body for body, kind in message.alternatives if kind == "text/html"))
