"""Events test data: rows as the services leave them, with keyword-only arguments."""

from __future__ import annotations

from datetime import datetime, timedelta
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
