"""Calendar files (.ics, RFC 5545, built with the icalendar library) and the "add to
Google Calendar / Outlook" links.

- UID is stable per event (`<event uuid>@<site host>`), so a calendar that imported the
  event once updates it instead of adding a copy; SEQUENCE is the event's `sequence`,
  raised by the services on every change a calendar shows; DTSTAMP is the last change.
- DTSTART/DTEND carry the organiser's TZID with a matching VTIMEZONE, so calendars show
  the organiser's wall-clock time and convert it correctly across DST.
- A cancelled event has STATUS:CANCELLED; a waiting-list place is TENTATIVE.
- The join link is never written into a calendar file: calendar files travel (shared
  calendars, forwarded invitations) and the link is for registered members only, from 30
  minutes before the start. URL (and LOCATION for online events) is the event page,
  where registered members find the link.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from urllib.parse import urlencode, urlsplit

import icalendar
from django.conf import settings
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.core.timezones import UTC_ZONE, is_valid_zone, zone_info
from tertulia.events.models import (
    CalendarFeed,
    Event,
    EventSpeaker,
    EventStatus,
    Registration,
    RegistrationStatus,
)

PRODID = "-//Tertulia//Events//EN"
FEED_PAST_DAYS = 30  # past events stay in feeds this long, so a recording link is near
FEED_MAX_EVENTS = 500
DESCRIPTION_MAX = 4_000  # characters of the description copied into a calendar entry


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "tertulia.invalid"


def ics_uid(event: Event) -> str:
    return f"{event.uid}@{site_host()}"


def event_page_url(event: Event) -> str:
    """The event page's full address (the page the pages engineer serves)."""
    try:
        path = reverse("event-detail", kwargs={"event_id": event.pk, "slug": event.slug})
    except NoReverseMatch:
        path = f"/events/{event.pk}/"
    return site_url(path)


def event_ics_url(event: Event) -> str:
    return site_url(reverse("event-ics", kwargs={"event_id": event.pk}))


def member_feed_url(feed: CalendarFeed) -> str:
    return site_url(reverse("member-calendar-feed", kwargs={"token": feed.token}))


def public_feed_url() -> str:
    return site_url(reverse("events-calendar-feed"))


def _speaker_names(event: Event) -> list[str]:
    cached = getattr(event, "_prefetched_objects_cache", {}).get("event_speakers")
    rows = (
        cached
        if cached is not None
        else EventSpeaker.objects.filter(event=event).select_related("speaker")
    )
    return [row.speaker.name for row in sorted(rows, key=lambda row: (row.position, row.pk))]


def plain_description(event: Event) -> str:
    """What a calendar entry says: speakers, the description (its Markdown source, which
    reads as plain text) and where to find the join link."""
    lines: list[str] = []
    speakers = _speaker_names(event)
    if speakers:
        lines.append(_("Speakers: %(names)s") % {"names": ", ".join(speakers)})
    elif event.speakers_to_be_confirmed:
        lines.append(_("Speakers: to be confirmed"))
    if event.description:
        text = event.description
        if len(text) > DESCRIPTION_MAX:
            text = text[:DESCRIPTION_MAX].rstrip() + "…"
        lines.append(text)
    page = event_page_url(event)
    if event.join_url:
        lines.append(_("Online. The link to join is on the event page: %(url)s") % {"url": page})
    else:
        lines.append(_("Event page: %(url)s") % {"url": page})
    return "\n\n".join(lines)


def _local(value: datetime, zone: str) -> datetime:
    return value.astimezone(zone_info(zone) if is_valid_zone(zone) else UTC_ZONE)


def vevent(event: Event, *, tentative: bool = False) -> icalendar.Event:
    """One VEVENT for the event."""
    entry = icalendar.Event()
    entry.add("uid", ics_uid(event))
    entry.add("dtstamp", event.updated_at.astimezone(UTC_ZONE))
    entry.add("created", event.created_at.astimezone(UTC_ZONE))
    entry.add("last-modified", event.updated_at.astimezone(UTC_ZONE))
    entry.add("sequence", event.sequence)
    entry.add("summary", event.title)
    entry.add("dtstart", _local(event.starts_at, event.time_zone))
    entry.add("dtend", _local(event.ends_at, event.time_zone))
    page = event_page_url(event)
    entry.add("url", page)
    entry.add("location", event.place or page)
    entry.add("description", plain_description(event))
    entry.add("categories", [event.get_kind_display()])
    if event.status == EventStatus.CANCELLED:
        status = "CANCELLED"
    else:
        status = "TENTATIVE" if tentative else "CONFIRMED"
    entry.add("status", status)
    entry.add("transp", "OPAQUE")
    if event.language:
        entry["summary"].params["LANGUAGE"] = event.language
    return entry


def build_calendar(
    entries: Iterable[tuple[Event, bool]],
    *,
    name: str = "",
    method: str = "",
) -> bytes:
    """A VCALENDAR of (event, tentative) pairs with the VTIMEZONEs they need."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    first: date | None = None
    last: date | None = None
    for event, tentative in entries:
        calendar.add_component(vevent(event, tentative=tentative))
        start, end = event.starts_at.date(), event.ends_at.date()
        first = start if first is None or start < first else first
        last = end if last is None or end > last else last
    if first is not None and last is not None:
        # VTIMEZONEs covering only the years the events need keep the file small.
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
    return bytes(calendar.to_ical())


def event_ics(event: Event, *, method: str = "PUBLISH") -> bytes:
    """The .ics of one event (downloaded from its page or attached to mail)."""
    return build_calendar([(event, False)], method=method)


def public_feed(now: datetime | None = None) -> bytes:
    """Upcoming events (and those of the last month), cancelled ones marked so."""
    now = now or timezone.now()
    events = (
        Event.objects.filter(ends_at__gte=now - timedelta(days=FEED_PAST_DAYS))
        .prefetch_related(
            Prefetch("event_speakers", queryset=EventSpeaker.objects.select_related("speaker"))
        )
        .order_by("starts_at", "id")[:FEED_MAX_EVENTS]
    )
    return build_calendar(
        ((event, False) for event in events),
        name=_("%(community)s events") % {"community": SiteSettings.current().community_name},
        method="PUBLISH",
    )


def member_feed(member: Member, now: datetime | None = None) -> bytes:
    """A member's registrations: registered (confirmed), waiting (tentative); events the
    organisers cancelled stay, marked cancelled, so the member's calendar learns it."""
    now = now or timezone.now()
    registrations = (
        Registration.objects.filter(
            member=member,
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED],
            event__ends_at__gte=now - timedelta(days=FEED_PAST_DAYS),
        )
        .select_related("event")
        .prefetch_related(
            Prefetch(
                "event__event_speakers",
                queryset=EventSpeaker.objects.select_related("speaker"),
            )
        )
        .order_by("event__starts_at", "id")[:FEED_MAX_EVENTS]
    )
    return build_calendar(
        (
            (registration.event, registration.status == RegistrationStatus.WAITLISTED)
            for registration in registrations
        ),
        name=_("My %(community)s events") % {"community": SiteSettings.current().community_name},
        method="PUBLISH",
    )


def _utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC_ZONE).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(event: Event) -> str:
    """ "Add to Google Calendar": a prefilled form on calendar.google.com."""
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{_utc_stamp(event.starts_at)}/{_utc_stamp(event.ends_at)}",
        "details": plain_description(event)[:1500],
        "location": event.place or event_page_url(event),
        "ctz": event.time_zone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(event: Event, *, office: bool = False) -> str:
    """ "Add to Outlook": outlook.live.com for personal accounts, outlook.office.com for
    work and school accounts."""
    host = "outlook.office.com" if office else "outlook.live.com"
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": event.starts_at.astimezone(UTC_ZONE).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": event.ends_at.astimezone(UTC_ZONE).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": plain_description(event)[:1500],
        "location": event.place or event_page_url(event),
    }
    return f"https://{host}/calendar/0/deeplink/compose?" + urlencode(query)
