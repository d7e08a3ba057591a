"""Who may create, manage, register for and ask questions at events.

`can_*` returns a bool (templates, queries); `check_*` raises PermissionDenied with a
message for the member (services). Functions that depend on the clock take `now`, so a
page asks them once with the time it renders with; functions that depend on the
viewer's registration take it when the caller already has it (else they look it up).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_facilitator, is_member
from tertulia.events.models import (
    JOIN_OPENS_MINUTES,
    Event,
    Registration,
    RegistrationStatus,
)


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def _registration_of(viewer: Viewer, event: Event) -> Registration | None:
    if not isinstance(viewer, Member) or event.pk is None:
        return None
    return Registration.objects.filter(event=event, member=viewer).first()


def _is_registered(viewer: Viewer, event: Event, registration: Registration | None) -> bool:
    if not is_member(viewer):
        return False
    if registration is None or registration.event_id != event.pk:
        registration = _registration_of(viewer, event)
    return (
        registration is not None
        and registration.member_id == viewer.pk
        and registration.status == RegistrationStatus.REGISTERED
    )


# --- Creating and managing ---------------------------------------------------------------


def can_create_event(viewer: Viewer) -> bool:
    return is_facilitator(viewer)


def check_create_event(viewer: Viewer) -> None:
    if not can_create_event(viewer):
        raise PermissionDenied(_("Only facilitators can create events."))


def can_manage_event(viewer: Viewer, event: Event) -> bool:
    """Facilitators manage every event; a member manages the events they organise."""
    if is_facilitator(viewer):
        return True
    return is_member(viewer) and viewer.pk == event.organiser_id


def check_manage_event(viewer: Viewer, event: Event) -> None:
    if not can_manage_event(viewer, event):
        raise PermissionDenied(_("Only the event's organiser and facilitators can do this."))


def can_moderate_questions(viewer: Viewer, event: Event) -> bool:
    return can_manage_event(viewer, event)


def can_see_registrants(viewer: Viewer, event: Event) -> bool:
    return can_manage_event(viewer, event)


def can_mark_attendance(viewer: Viewer, event: Event) -> bool:
    return can_manage_event(viewer, event)


# --- Registering ---------------------------------------------------------------------


def register_refusal(viewer: Viewer, event: Event, now: datetime | None = None) -> str:
    """Why this viewer may not register for the event now, or "" when they may."""
    if not is_member(viewer):
        return _("Sign in to register for this event.")
    if event.is_cancelled:
        return _("This event was cancelled: registration is closed.")
    if event.ends_at <= _now(now):
        return _("This event is over: registration is closed.")
    return ""


def can_register(viewer: Viewer, event: Event, now: datetime | None = None) -> bool:
    """Members may register until the event ends (late joiners still get the link)."""
    return not register_refusal(viewer, event, now)


def check_register(viewer: Viewer, event: Event, now: datetime | None = None) -> None:
    refusal = register_refusal(viewer, event, now)
    if refusal:
        raise PermissionDenied(refusal)


# --- Joining and asking ------------------------------------------------------------------


def join_opens_at(event: Event) -> datetime:
    return event.starts_at - timedelta(minutes=JOIN_OPENS_MINUTES)


def can_see_join_link(
    viewer: Viewer,
    event: Event,
    now: datetime | None = None,
    registration: Registration | None = None,
) -> bool:
    """The join link: registered members (and the event's managers), from 30 minutes
    before the start until the end, never for a cancelled event.

    Pass the viewer's `registration` when the page has it; without it one query finds it.
    """
    if not event.join_url or event.is_cancelled:
        return False
    moment = _now(now)
    if not join_opens_at(event) <= moment < event.ends_at:
        return False
    return can_manage_event(viewer, event) or _is_registered(viewer, event, registration)


def ask_refusal(
    viewer: Viewer,
    event: Event,
    now: datetime | None = None,
    registration: Registration | None = None,
) -> str:
    """Why this viewer may not send or vote on questions now, or "" when they may."""
    if not is_member(viewer):
        return _("Sign in and register for this event to send questions.")
    if event.is_cancelled:
        return _("This event was cancelled.")
    if event.ends_at <= _now(now):
        return _("This event is over: questions are closed.")
    if can_manage_event(viewer, event) or _is_registered(viewer, event, registration):
        return ""
    return _("Register for this event to send questions and vote on them.")


def can_ask_question(
    viewer: Viewer,
    event: Event,
    now: datetime | None = None,
    registration: Registration | None = None,
) -> bool:
    """Registered members (and managers) send and vote on questions until the end."""
    return not ask_refusal(viewer, event, now, registration)


def check_ask_question(
    viewer: Viewer,
    event: Event,
    now: datetime | None = None,
    registration: Registration | None = None,
) -> None:
    refusal = ask_refusal(viewer, event, now, registration)
    if refusal:
        raise PermissionDenied(refusal)
