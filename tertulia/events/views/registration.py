"""Register for an event and cancel one's registration: POST forms, answered with a
redirect to the event page and a message that says exactly what happened."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.events.models import RegistrationStatus
from tertulia.events.queries.detail import viewer_registration, waitlist_position
from tertulia.events.queries.manage import event_for_action
from tertulia.events.services.registration import cancel_registration, register_for_event
from tertulia.events.views.common import error_text, event_url, signed_in_member


def _waitlist_message(position: int | None) -> str:
    if position is None:
        return _("The event is full: you are on the waiting list.")
    return _(
        "The event is full: you are number %(position)s on the waiting list. We will write "
        "to you if a place opens."
    ) % {"position": position}


@login_required
@require_POST
def event_register(request: HttpRequest, event_id: int) -> HttpResponse:
    member = signed_in_member(request)
    event = event_for_action(event_id)
    existing = viewer_registration(member, event)
    if existing is not None and existing.status == RegistrationStatus.REGISTERED:
        messages.info(request, _("You are already registered for this event."))
        return redirect(event_url(event, "registration"))
    if existing is not None and existing.status == RegistrationStatus.WAITLISTED:
        messages.info(
            request,
            _("You are already on the waiting list, number %(position)s.")
            % {"position": waitlist_position(existing)},
        )
        return redirect(event_url(event, "registration"))
    try:
        registration = register_for_event(member, event)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if registration.status == RegistrationStatus.WAITLISTED:
            messages.warning(request, _waitlist_message(waitlist_position(registration)))
        else:
            messages.success(
                request,
                _(
                    "You are registered. A confirmation with a calendar file is on its way "
                    "to your mailbox."
                ),
            )
    return redirect(event_url(event, "registration"))


@login_required
@require_POST
def event_unregister(request: HttpRequest, event_id: int) -> HttpResponse:
    member = signed_in_member(request)
    event = event_for_action(event_id)
    existing = viewer_registration(member, event)
    if existing is None or existing.status == RegistrationStatus.CANCELLED:
        messages.info(request, _("You were not registered for this event."))
        return redirect(event_url(event, "registration"))
    try:
        cancel_registration(member, event)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if existing.status == RegistrationStatus.WAITLISTED:
            messages.success(request, _("You have left the waiting list."))
        else:
            messages.success(
                request, _("Your registration is cancelled. Thank you for freeing your place.")
            )
    return redirect(event_url(event, "registration"))


urlpatterns = [
    path("<int:event_id>/register/", event_register, name="event-register"),
    path("<int:event_id>/unregister/", event_unregister, name="event-unregister"),
]
