"""Mail to event registrants: confirmations, the waiting list, changes and cancellations.

A place from the waiting list, reminders and recordings are notifications instead
(`tertulia.events.services.notices`): the member chooses how to get those.

Each message is written in the recipient's interface language and shows times in their
own zone beside the organiser's; it has a plain-text and an HTML part. Confirmations
and changes carry the event's .ics (`text/calendar; method=PUBLISH`), whose stable UID
and raised SEQUENCE let calendar programs update the entry they already have.

These functions send at once; services reach them through the tasks in
`tertulia.events.tasks`, after their transaction commits.
"""

from __future__ import annotations

from email.mime.base import MIMEBase
from email.mime.text import MIMEText
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.languages import language_name
from tertulia.core.models import SiteSettings
from tertulia.core.timezones import format_local_datetime, format_time_in_zones, zone_info
from tertulia.events import calendars
from tertulia.events.models import (
    JOIN_OPENS_MINUTES,
    Event,
    EventSpeaker,
    Registration,
    RegistrationStatus,
)
from tertulia.notifications.mail import member_zone


class MailKind(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    UNREGISTERED = "unregistered"
    MOVED = "moved"
    CANCELLED = "cancelled"


# Mails that put (or update) the event in the recipient's calendar.
WITH_CALENDAR_FILE = {MailKind.REGISTERED, MailKind.MOVED, MailKind.CANCELLED}
# Mails that offer the "add to Google Calendar / Outlook" links.
WITH_CALENDAR_LINKS = {MailKind.REGISTERED, MailKind.MOVED}


def _subject(kind: MailKind, title: str) -> str:
    subjects = {
        MailKind.REGISTERED: _("You are registered: %(title)s"),
        MailKind.WAITLISTED: _("You are on the waiting list: %(title)s"),
        MailKind.UNREGISTERED: _("Your registration is cancelled: %(title)s"),
        MailKind.MOVED: _("New time: %(title)s"),
        MailKind.CANCELLED: _("Cancelled: %(title)s"),
    }
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    return prefix + subjects[kind] % {"title": title}


def _lead(kind: MailKind) -> str:
    leads = {
        MailKind.REGISTERED: _(
            "You are registered. The attached calendar file adds the event to your calendar."
        ),
        MailKind.WAITLISTED: _(
            "The event is full, so you are on the waiting list. If a place opens, it is "
            "yours at once and we will write to you."
        ),
        MailKind.UNREGISTERED: _(
            "Your registration is cancelled; you may remove the event from your calendar."
        ),
        MailKind.MOVED: _(
            "The event has a new time. The attached calendar file updates your calendar."
        ),
        MailKind.CANCELLED: _(
            "This event is cancelled. The attached calendar file marks it as cancelled in "
            "your calendar."
        ),
    }
    return leads[kind]


def _join_hint(event: Event, kind: MailKind) -> str:
    silent = {MailKind.CANCELLED, MailKind.UNREGISTERED, MailKind.WAITLISTED}
    if event.join_url and kind not in silent:
        return _(
            "The link to join appears on the event page %(minutes)s minutes before the start."
        ) % {"minutes": JOIN_OPENS_MINUTES}
    return ""


def _speaker_names(event: Event) -> list[str]:
    rows = EventSpeaker.objects.filter(event=event).select_related("speaker")
    return [row.speaker.name for row in rows.order_by("position", "id")]


def build_message(
    event: Event,
    member: Member,
    kind: MailKind,
    *,
    note: str = "",
    speakers: list[str] | None = None,
    connection: BaseEmailBackend | None = None,
) -> EmailMultiAlternatives:
    """The message for one member, in their language and time zone."""
    zone = member_zone(member)
    language = member.interface_language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(zone_info(zone)):
        context = {
            "event": event,
            "member": member,
            "kind": str(kind),
            "language_code": translation.get_language() or language,
            "lead": _lead(kind),
            "when": format_local_datetime(event.starts_at, zone),
            "in_zones": format_time_in_zones(event.starts_at, zone, event.time_zone),
            "ends": format_local_datetime(event.ends_at, zone),
            "language": language_name(event.language),
            "speakers": speakers if speakers is not None else _speaker_names(event),
            "speakers_to_be_confirmed": event.speakers_to_be_confirmed,
            "place": event.place,
            "is_online": bool(event.join_url),
            "join_hint": _join_hint(event, kind),
            "note": note,
            "event_url": calendars.event_page_url(event),
            "community": SiteSettings.current().community_name,
            "google_url": (
                calendars.google_calendar_url(event) if kind in WITH_CALENDAR_LINKS else ""
            ),
            "outlook_url": (
                calendars.outlook_calendar_url(event) if kind in WITH_CALENDAR_LINKS else ""
            ),
        }
        subject = _subject(kind, event.title)
        text = render_to_string("events/email/event_mail.txt", context)
        html = render_to_string("events/email/event_mail.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[member.email],
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "OOF"},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    if kind in WITH_CALENDAR_FILE:
        message.attach(calendar_attachment(event))
    return message


def calendar_attachment(event: Event) -> MIMEBase:
    """The event as `invite.ics`, `text/calendar; method=PUBLISH`."""
    part = MIMEText(calendars.event_ics(event, method="PUBLISH").decode(), "calendar", "utf-8")
    part.set_param("method", "PUBLISH")
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


def send_registration_mail(registration: Registration, kind: MailKind, *, note: str = "") -> bool:
    """Mail one registrant about their registration; False when there is no one to mail."""
    member = registration.member
    if not member.is_active or not member.email:
        return False
    build_message(registration.event, member, kind, note=note).send()
    return True


def send_event_notice(event: Event, kind: MailKind, *, note: str = "") -> int:
    """Mail everyone registered or waiting about a change; returns how many were mailed."""
    registrations = (
        Registration.objects.filter(
            event=event,
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED],
            member__is_active=True,
        )
        .select_related("member")
        .order_by("id")
    )
    speakers = _speaker_names(event)
    sent = 0
    with get_connection() as connection:
        for registration in registrations.iterator(chunk_size=200):
            if not registration.member.email:
                continue
            build_message(
                event,
                registration.member,
                kind,
                note=note,
                speakers=speakers,
                connection=connection,
            ).send()
            sent += 1
    return sent
