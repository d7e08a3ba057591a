"""Creating, changing and cancelling events, and posting their recording.

Times arrive as the organiser's local wall-clock time in their IANA zone and are stored
in UTC beside that zone. A single event follows the strict local-time rule of
`tertulia.core.timezones`: a time in a daylight-saving gap or an ambiguous one is
refused with an explanation naming the date, the zone and what the clocks do.

Every change a calendar must pick up (title, times, zone, place, link, description,
speakers, cancellation) raises `sequence` and `updated_at`, so an .ics imported earlier
is replaced, not duplicated. Registrants are mailed after commit when the time moves
and when the event is cancelled (with an .ics carrying STATUS:CANCELLED); when a
recording is posted they are notified (`notify()`, once per event and member).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.timezones import utc_to_local, wall_clock
from tertulia.events import tasks
from tertulia.events.mail import MailKind
from tertulia.events.models import Event, EventSpeaker, EventStatus, Speaker
from tertulia.events.permissions import check_create_event, check_manage_event
from tertulia.events.services import fields
from tertulia.events.services.fields import FieldErrors
from tertulia.events.services.registration import promote_from_waitlist, reschedule_reminders
from tertulia.events.services.speakers import create_speaker
from tertulia.forums.languages import detect_language

__all__ = ["add_recording", "cancel_event", "create_event", "create_speaker", "update_event"]

# Keywords update_event accepts: the same as create_event's.
EVENT_FIELDS = frozenset(
    {
        "title", "kind", "language", "time_zone", "starts_local", "ends_local",
        "description", "join_url", "place", "capacity", "speakers",
        "speakers_to_be_confirmed",
    }
)  # fmt: skip
# Changes a calendar shows: they raise the RFC 5545 SEQUENCE.
CALENDAR_FIELDS = frozenset(
    {"title", "time_zone", "starts_at", "ends_at", "description", "join_url", "place"}
)


def _clean_times(
    errors: FieldErrors, zone: str, starts_local: datetime, ends_local: datetime
) -> tuple[datetime | None, datetime | None]:
    starts_at = errors.check(
        "starts_local", lambda: fields.clean_single_time(starts_local, zone), None
    )
    ends_at = errors.check("ends_local", lambda: fields.clean_single_time(ends_local, zone), None)
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        errors.add("ends_local", _("The event must end after it starts."))
    return starts_at, ends_at


def _language(errors: FieldErrors, language: str, title: str, description: str) -> str:
    """The language chosen, or, when none is, the one the title and description are in."""
    if not language.strip():
        return detect_language(f"{title}\n{description}")
    return errors.check("language", lambda: fields.clean_language(language), "")


def clean_common_fields(errors: FieldErrors, values: dict[str, Any]) -> dict[str, Any]:
    """The fields every event has, cleaned (errors recorded, not raised)."""
    description, description_html = errors.check(
        "description", lambda: fields.clean_description(values["description"]), ("", "")
    )
    title = errors.check("title", lambda: fields.clean_title(values["title"]), "")
    return {
        "title": title,
        "kind": errors.check("kind", lambda: fields.clean_kind(values["kind"]), ""),
        "language": _language(errors, values["language"] or "", title, description),
        "description": description,
        "description_html": description_html,
        "join_url": errors.check("join_url", lambda: fields.clean_url(values["join_url"]), ""),
        "place": errors.check("place", lambda: fields.clean_place(values["place"]), ""),
        "capacity": errors.check(
            "capacity", lambda: fields.clean_capacity(values["capacity"]), None
        ),
    }


def set_speakers(event: Event, speakers: Sequence[Speaker]) -> None:
    EventSpeaker.objects.filter(event=event).delete()
    unique = list({speaker.pk: speaker for speaker in speakers}.values())
    EventSpeaker.objects.bulk_create(
        EventSpeaker(event=event, speaker=speaker, position=position)
        for position, speaker in enumerate(unique)
    )


def _speaker_ids(event: Event) -> list[int]:
    return list(
        EventSpeaker.objects.filter(event=event)
        .order_by("position", "id")
        .values_list("speaker_id", flat=True)
    )


def create_event(
    organiser: Member,
    *,
    title: str,
    kind: str,
    language: str = "",
    time_zone: str,
    starts_local: datetime,
    ends_local: datetime,
    description: str = "",
    join_url: str = "",
    place: str = "",
    capacity: int | None = None,
    speakers: Sequence[Speaker] = (),
    speakers_to_be_confirmed: bool = False,
) -> Event:
    """A single event, its times typed in the organiser's zone (facilitators only).

    Without a `language`, it is detected from the title and description."""
    check_create_event(organiser)
    errors = FieldErrors()
    values = clean_common_fields(
        errors,
        {
            "title": title, "kind": kind, "language": language, "description": description,
            "join_url": join_url, "place": place, "capacity": capacity,
        },
    )  # fmt: skip
    zone = errors.check("time_zone", lambda: fields.clean_zone(time_zone), "")
    starts_at = ends_at = None
    if zone:
        starts_at, ends_at = _clean_times(errors, zone, starts_local, ends_local)
    errors.raise_if_any()
    assert starts_at is not None  # noqa: S101  # raise_if_any raised otherwise
    assert ends_at is not None  # noqa: S101
    with transaction.atomic():
        now = timezone.now()
        event = Event.objects.create(
            organiser=organiser,
            slug=fields.event_slug(values["title"]),
            time_zone=zone,
            starts_at=starts_at,
            ends_at=ends_at,
            speakers_to_be_confirmed=speakers_to_be_confirmed,
            created_at=now,
            updated_at=now,
            **values,
        )
        set_speakers(event, speakers)
    return event


def _current_values(event: Event) -> dict[str, Any]:
    return {
        "title": event.title,
        "kind": event.kind,
        "language": event.language,
        "time_zone": event.time_zone,
        "starts_local": utc_to_local(event.starts_at, event.time_zone),
        "ends_local": utc_to_local(event.ends_at, event.time_zone),
        "description": event.description,
        "join_url": event.join_url,
        "place": event.place,
        "capacity": event.capacity,
        "speakers_to_be_confirmed": event.speakers_to_be_confirmed,
    }


def _updated_times(
    errors: FieldErrors, event: Event, zone: str, changes: dict[str, Any]
) -> tuple[datetime, datetime]:
    """The new UTC times. A local time left as it reads now (in an unchanged zone) keeps
    its instant unchecked, so an unrelated edit never trips over an old ambiguous time."""
    starts_at, ends_at = event.starts_at, event.ends_at
    current_start = utc_to_local(event.starts_at, event.time_zone)
    current_end = utc_to_local(event.ends_at, event.time_zone)
    new_start = wall_clock(changes.get("starts_local", current_start))
    new_end = wall_clock(changes.get("ends_local", current_end))
    zone_changed = zone != event.time_zone
    if zone_changed or new_start != current_start:
        starts_at = errors.check(
            "starts_local", lambda: fields.clean_single_time(new_start, zone), starts_at
        )
    if zone_changed or new_end != current_end:
        ends_at = errors.check(
            "ends_local", lambda: fields.clean_single_time(new_end, zone), ends_at
        )
    if not errors.has("starts_local") and not errors.has("ends_local") and ends_at <= starts_at:
        errors.add("ends_local", _("The event must end after it starts."))
    return starts_at, ends_at


def update_event(actor: Member, event: Event, **changes: Any) -> Event:
    """Change an event (or one occurrence of a series): the same keywords as create_event.

    Moving the time or changing what a calendar shows raises `sequence`; registrants are
    mailed when the time moves, and reminders follow the new time. Raising the capacity
    gives places to the waiting list at once.
    """
    unknown = set(changes) - EVENT_FIELDS
    if unknown:
        raise TypeError(f"update_event() got unexpected keywords: {sorted(unknown)}")
    check_manage_event(actor, event)
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled; it can no longer be changed."))
    errors = FieldErrors()
    values = clean_common_fields(errors, {**_current_values(event), **changes})
    zone = errors.check(
        "time_zone", lambda: fields.clean_zone(changes.get("time_zone", event.time_zone)), ""
    )
    starts_at, ends_at = event.starts_at, event.ends_at
    if zone:
        starts_at, ends_at = _updated_times(errors, event, zone, changes)
    errors.raise_if_any()
    values.update(time_zone=zone, starts_at=starts_at, ends_at=ends_at)
    values["speakers_to_be_confirmed"] = bool(
        changes.get("speakers_to_be_confirmed", event.speakers_to_be_confirmed)
    )
    if values["title"] != event.title:
        values["slug"] = fields.event_slug(values["title"])

    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        changed = {name for name, value in values.items() if getattr(locked, name) != value}
        speakers_changed = False
        if "speakers" in changes:
            new_ids = list(dict.fromkeys(speaker.pk for speaker in changes["speakers"]))
            speakers_changed = new_ids != _speaker_ids(locked)
        if not changed and not speakers_changed:
            return event
        for name in changed:
            setattr(locked, name, values[name])
        now = timezone.now()
        if changed & CALENDAR_FIELDS or speakers_changed:
            locked.sequence += 1
        locked.updated_at = now
        locked.save(update_fields=[*changed, "sequence", "updated_at"])
        if speakers_changed:
            set_speakers(locked, changes["speakers"])
        if "capacity" in changed:
            promote_from_waitlist(locked, now=now)
        moved = bool(changed & {"starts_at", "ends_at"})
        if moved:
            reschedule_reminders(locked)
            transaction.on_commit(
                partial(tasks.notify_registrants.enqueue, locked.pk, MailKind.MOVED)
            )
    event.refresh_from_db()
    return event


def cancel_event(actor: Member, event: Event, *, note: str = "") -> Event:
    """Cancel the event (or one occurrence): registrants get a mail with an .ics whose
    STATUS is CANCELLED, so their calendars drop it; `note` says why, in the mail."""
    check_manage_event(actor, event)
    try:
        text = fields.clean_note(note)
    except ValidationError as error:
        raise ValidationError({"note": error.messages}) from error
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.is_cancelled:
            event.refresh_from_db()
            return event
        now = timezone.now()
        locked.status = EventStatus.CANCELLED
        locked.cancelled_at = now
        locked.sequence += 1
        locked.updated_at = now
        locked.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        transaction.on_commit(
            partial(tasks.notify_registrants.enqueue, locked.pk, MailKind.CANCELLED, text)
        )
    event.refresh_from_db()
    return event


def add_recording(
    actor: Member,
    event: Event,
    *,
    recording_url: str,
    slides_url: str = "",
    notify: bool = True,
) -> Event:
    """Post the recording (and slides) of an event. An empty value removes the link.

    The first recording posted tells the registrants and those who waited (a "recording
    available" notification, through a task after commit); they are told once per event,
    so a corrected link or slides added later change the page and tell nobody again.
    Slides alone are not announced as a recording."""
    check_manage_event(actor, event)
    errors = FieldErrors()
    recording = errors.check("recording_url", lambda: fields.clean_url(recording_url), "")
    slides = errors.check("slides_url", lambda: fields.clean_url(slides_url), "")
    errors.raise_if_any()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if (recording, slides) == (locked.recording_url, locked.slides_url):
            return event
        is_news = bool(recording and recording != locked.recording_url)
        locked.recording_url, locked.slides_url = recording, slides
        locked.updated_at = timezone.now()
        locked.save(update_fields=["recording_url", "slides_url", "updated_at"])
        if is_news and notify:
            transaction.on_commit(partial(tasks.announce_recording.enqueue, locked.pk))
    event.refresh_from_db()
    return event
