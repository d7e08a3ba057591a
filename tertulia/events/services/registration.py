"""Registering for events, the waiting list, attendance.

Every change locks the event row (`select_for_update`; SQLite's immediate transactions
serialise writers the same way) and recounts `registered_count` and `waitlist_count`
inside the same transaction, so the counters are exact however many members click at
once. A member has at most one Registration per event: cancelling keeps the row and
registering again reuses it. When a registered member cancels (or the capacity grows),
the first on the waiting list (by `waitlisted_at`) is promoted in the same transaction
and told through `notify()` (a waiting-list promotion: one notification, mailed after
commit if the member wants it by mail); confirmations and cancellations of one's own
registration stay the events app's mail, with the calendar file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.timezones import format_local_datetime, is_valid_zone, zone_city, zone_info
from tertulia.events import tasks
from tertulia.events.mail import MailKind
from tertulia.events.models import Event, Registration, RegistrationStatus
from tertulia.events.permissions import check_manage_event, check_register
from tertulia.events.services.notices import tell_promoted

ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


def _recount(event: Event) -> None:
    """Set the counters from the rows (the event row is locked by the caller)."""
    counts = dict(
        Registration.objects.filter(event=event, status__in=ACTIVE)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    event.registered_count = counts.get(RegistrationStatus.REGISTERED, 0)
    event.waitlist_count = counts.get(RegistrationStatus.WAITLISTED, 0)
    event.save(update_fields=["registered_count", "waitlist_count"])


def _has_room(event: Event) -> bool:
    return event.capacity is None or event.registered_count < event.capacity


def _mail_after_commit(registration: Registration, kind: MailKind, *, notify: bool) -> None:
    if notify:
        transaction.on_commit(partial(tasks.notify_registration.enqueue, registration.pk, kind))


def _schedule_after_commit(registration: Registration, *, notify: bool) -> None:
    if notify:
        transaction.on_commit(partial(tasks.schedule_reminders, registration.pk))


def _copy_counts(target: Event, source: Event) -> None:
    target.registered_count = source.registered_count
    target.waitlist_count = source.waitlist_count


def register_for_event(member: Member, event: Event, *, notify: bool = True) -> Registration:
    """Register the member, or put them on the waiting list when the event is full.

    Members only; not for a cancelled event or one that has ended. Registering twice is
    refused with a message (no second row). The confirmation mail carries the .ics.
    """
    try:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            now = timezone.now()
            check_register(member, locked, now)
            registration = (
                Registration.objects.select_for_update().filter(event=locked, member=member).first()
            )
            if registration is not None and registration.status == RegistrationStatus.REGISTERED:
                raise ValidationError(
                    _("You are already registered for this event."), code="already_registered"
                )
            if registration is not None and registration.status == RegistrationStatus.WAITLISTED:
                raise ValidationError(
                    _("You are already on the waiting list for this event."),
                    code="already_waitlisted",
                )
            if locked.waitlist_count and _has_room(locked):
                promote_from_waitlist(locked, now=now)  # those waiting come first
            full = not _has_room(locked) or locked.waitlist_count > 0
            status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED
            if registration is None:
                registration = Registration(event=locked, member=member)
            registration.status = status
            registration.created_at = now
            registration.waitlisted_at = now if full else None
            registration.promoted_at = None
            registration.cancelled_at = None
            registration.attended = None
            registration.save()
            _recount(locked)
            _mail_after_commit(
                registration,
                MailKind.WAITLISTED if full else MailKind.REGISTERED,
                notify=notify,
            )
            if not full:
                _schedule_after_commit(registration, notify=notify)
    except IntegrityError:
        # The same member registering twice at the same moment: the other request won.
        raise ValidationError(
            _("You are already registered for this event."), code="already_registered"
        ) from None
    _copy_counts(event, locked)
    return registration


def promote_from_waitlist(event: Event, *, now: datetime | None = None) -> list[Registration]:
    """Give free places to the waiting list, first come first served.

    Call inside a transaction holding the event row (`select_for_update`). Promoted
    members are notified in the same transaction and get reminders after commit.
    Returns the promoted rows.
    """
    _recount(event)
    if event.is_cancelled or not event.waitlist_count:
        return []
    now = now or timezone.now()
    if event.ends_at <= now:
        return []
    free = None if event.capacity is None else max(0, event.capacity - event.registered_count)
    if free == 0:
        return []
    waiting = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("member")
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("waitlisted_at", "id")
    )
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        registration.event = event
        tell_promoted(registration)
        _schedule_after_commit(registration, notify=True)
    _recount(event)
    return promoted


def cancel_registration(member: Member, event: Event, *, notify: bool = True) -> Registration:
    """Give up one's place (or leave the waiting list). The first on the waiting list
    takes the place in the same transaction and is notified."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        now = timezone.now()
        registration = (
            Registration.objects.select_for_update()
            .filter(event=locked, member=member, status__in=ACTIVE)
            .first()
        )
        if registration is None:
            raise ValidationError(
                _("You are not registered for this event."), code="not_registered"
            )
        if locked.ends_at <= now:
            raise ValidationError(_("This event is over."), code="event_over")
        was_registered = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        _mail_after_commit(registration, MailKind.UNREGISTERED, notify=notify and was_registered)
        if was_registered:
            promote_from_waitlist(locked, now=now)
        else:
            _recount(locked)
    _copy_counts(event, locked)
    return registration


def reschedule_reminders(event: Event) -> None:
    """After the event moved: reminders for the new start, for everyone registered.
    The tasks queued for the old start see it changed and send nothing."""
    transaction.on_commit(partial(tasks.schedule_event_reminders.enqueue, event.pk))


def mark_attendance(actor: Member, event: Event, attended_ids: Iterable[int]) -> int:
    """Record who came: `attended_ids` are the *member* ids of those present; every other
    active registration is marked absent. Allowed once the event has started. Returns
    the number marked present."""
    check_manage_event(actor, event)
    if event.starts_at > timezone.now():
        raise ValidationError(
            _("Attendance can be marked once the event has started."), code="not_started"
        )
    present = set(attended_ids)
    with transaction.atomic():
        rows = Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED)
        marked = rows.filter(member_id__in=present).update(attended=True)
        rows.exclude(member_id__in=present).update(attended=False)
    return marked


class ZoneRow(NamedTuple):
    zone: str
    city: str
    local_start: str
    member_count: int


def registrant_zone_table(event: Event) -> list[ZoneRow]:
    """The event's start in each zone its registered members live in, with how many
    live there: the "time for registered members" table. One query."""
    counts = (
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
        .values_list("member__time_zone")
        .annotate(n=Count("id"))
        .values_list("member__time_zone", "n")
    )
    rows = [
        ZoneRow(zone, zone_city(zone), format_local_datetime(event.starts_at, zone), n)
        for zone, n in counts
        if zone and is_valid_zone(zone)
    ]
    offsets = {
        row.zone: event.starts_at.astimezone(zone_info(row.zone)).utcoffset() for row in rows
    }
    return sorted(rows, key=lambda row: (offsets[row.zone], row.city))
