"""What the events app tells members through the notifications app's `notify()`.

A place from the waiting list, a reminder before the start and a posted recording are
notifications: the member chooses how to get them (mail at once, digest, on the site,
or not at all) and gets each one once. Confirmations, moves and cancellations stay the
events app's own mail (`tertulia.events.mail`), because they carry the calendar file.

Snippets are plain text written once per recipient, in their interface language and
with times in their own zone, so the mail and the notification list read alike.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.timezones import format_local_datetime
from tertulia.events.models import (
    JOIN_OPENS_MINUTES,
    Event,
    Registration,
    RegistrationStatus,
    ReminderKind,
)
from tertulia.notifications.mail import member_zone
from tertulia.notifications.models import Kind, Notification
from tertulia.notifications.services import notify

# Those told that a recording is up: everyone who held or waited for a place. The waiting
# list is included on purpose: they wanted to come and the recording is their way in.
RECORDING_AUDIENCE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)
RECORDING_CHUNK = 200


def event_path(event: Event) -> str:
    return reverse("event-detail", kwargs={"event_id": event.pk, "slug": event.slug})


def _language(member: Member) -> str:
    return member.interface_language or settings.LANGUAGE_CODE


def _when(event: Event, member: Member) -> str:
    return _("Starts: %(when)s") % {
        "when": format_local_datetime(event.starts_at, member_zone(member))
    }


def tell_promoted(registration: Registration) -> Notification | None:
    """The first on the waiting list got a place. Call inside the promoting transaction.

    The key carries the moment of the promotion: a member who leaves, waits again and is
    promoted a second time hears about the second place too, and a retry of the same
    promotion finds the row it already wrote.
    """
    event, member = registration.event, registration.member
    promoted_at = registration.promoted_at
    moment = int(promoted_at.timestamp()) if promoted_at else 0
    with translation.override(_language(member)):
        snippet = "\n".join(
            [
                _(
                    "A place opened up and it is yours: you are now registered. The event "
                    "page has the details and a calendar file to add it to your calendar."
                ),
                _when(event, member),
            ]
        )
    return notify(
        member,
        Kind.WAITLIST_PROMOTION,
        url=event_path(event),
        params={"subject": event.title},
        snippet=snippet,
        group=f"event:{event.pk}",
        dedupe_key=f"promoted:{registration.pk}:{moment}",
    )


def reminder_dedupe_key(registration_id: int, kind: str, for_start: datetime) -> str:
    return f"reminder:{registration_id}:{kind}:{for_start.isoformat()}"


def tell_reminder(
    registration: Registration, kind: str, for_start: datetime
) -> Notification | None:
    """A reminder before the start (the caller decided it is due and not sent yet)."""
    event, member = registration.event, registration.member
    with translation.override(_language(member)):
        lines = [
            _("This event starts in about 24 hours.")
            if kind == ReminderKind.DAY_BEFORE
            else _("This event starts in about one hour."),
            _when(event, member),
        ]
        if event.join_url:
            lines.append(
                _(
                    "The link to join appears on the event page %(minutes)s minutes "
                    "before the start."
                )
                % {"minutes": JOIN_OPENS_MINUTES}
            )
        elif event.place:
            lines.append(_("Place: %(place)s") % {"place": event.place})
    return notify(
        member,
        Kind.EVENT_REMINDER,
        url=event_path(event),
        params={"subject": event.title},
        snippet="\n".join(lines),
        group=f"event:{event.pk}",
        dedupe_key=reminder_dedupe_key(registration.pk, kind, for_start),
    )


def _recording_snippet(event: Event, member: Member) -> str:
    with translation.override(_language(member)):
        lines = [_("Recording: %(url)s") % {"url": event.recording_url}]
        if event.slides_url:
            lines.append(_("Slides: %(url)s") % {"url": event.slides_url})
    return "\n".join(lines)


def tell_registrants_of_recording(event_id: int) -> int:
    """Tell the event's registrants (and those who waited) that its recording is up.

    Once per event and member: a corrected link or slides added later tell nobody again
    (the event page shows the current links). Returns how many were told this time.
    """
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not event.recording_url:
        return 0
    key = f"recording:{event.pk}"
    already_told = Notification.objects.filter(recipient=OuterRef("member"), dedupe_key=key)
    rows = (
        Registration.objects.filter(event=event, status__in=RECORDING_AUDIENCE)
        .exclude(Exists(already_told))
        .select_related("member")
        .order_by("id")
    )
    url = f"{event_path(event)}#recording"
    told = 0
    last_id = 0
    while True:
        chunk = list(rows.filter(id__gt=last_id)[:RECORDING_CHUNK])
        if not chunk:
            return told
        with transaction.atomic():
            for registration in chunk:
                member = registration.member
                told += (
                    notify(
                        member,
                        Kind.RECORDING,
                        url=url,
                        params={"subject": event.title},
                        snippet=_recording_snippet(event, member),
                        group=f"event:{event.pk}",
                        dedupe_key=key,
                    )
                    is not None
                )
        last_id = chunk[-1].pk
