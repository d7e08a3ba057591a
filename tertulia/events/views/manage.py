"""Facilitators' pages for one event: create, edit (or move one occurrence of a
series), cancel, and add the recording and slides afterwards."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.timezones import UTC, is_valid_zone
from tertulia.events.forms.common import add_service_errors
from tertulia.events.forms.events import CancelEventForm, EventForm, RecordingForm
from tertulia.events.models import Event, Speaker
from tertulia.events.permissions import check_create_event, check_manage_event
from tertulia.events.queries.manage import event_for_action, event_for_editing
from tertulia.events.services.events import (
    add_recording,
    cancel_event,
    create_event,
    create_speaker,
    update_event,
)
from tertulia.events.services.speakers import photos_removed_on_failure
from tertulia.events.views.common import event_url, signed_in_member


def _speakers(member: Member, form: EventForm, created: list[Speaker]) -> list[Speaker]:
    """The speakers ticked, and the new one typed in (created here, inside the caller's
    transaction, so a refused event leaves no stray speaker behind; `created` gets it,
    so that its photo can be removed too)."""
    speakers = form.chosen_speakers()
    new = form.new_speaker()
    if new is not None:
        speaker = create_speaker(member, **new)
        created.append(speaker)
        speakers.append(speaker)
    return speakers


def _save(member: Member, form: EventForm, event: Event | None) -> Event | None:
    """Create or update through the services; None when they refused (errors on the form)."""
    try:
        with photos_removed_on_failure() as created, transaction.atomic():
            fields: dict[str, Any] = form.event_fields(_speakers(member, form, created))
            if event is None:
                return create_event(member, **fields)
            return update_event(member, event, **fields)
    except PermissionDenied as refusal:
        form.add_error(None, str(refusal))
    except ValidationError as error:
        add_service_errors(form, error, EventForm.aliases)
    return None


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    check_create_event(member)
    zone = member.time_zone if is_valid_zone(member.time_zone) else UTC
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        initial={"time_zone": zone, "language": member.interface_language or "en"},
    )
    if request.method == "POST" and form.is_valid():
        event = _save(member, form, None)
        if event is not None:
            messages.success(request, _("The event is created."))
            return redirect(event_url(event))
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    """Edit one event; for a series, this changes (moves, re-casts) this date alone."""
    member = signed_in_member(request)
    event = event_for_editing(event_id)
    check_manage_event(member, event)
    form = EventForm(
        request.POST or None, request.FILES or None, initial=EventForm.initial_for(event)
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(member, form, event)
        if saved is not None:
            messages.success(request, _("Your changes are saved."))
            return redirect(event_url(saved))
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
def event_cancel(request: HttpRequest, event_id: int) -> HttpResponse:
    member = signed_in_member(request)
    event = event_for_action(event_id)
    check_manage_event(member, event)
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel_event(member, event, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is cancelled. Registrants are told."))
            return redirect(event_url(event))
    return render(request, "events/event_cancel.html", {"form": form, "event": event})


@login_required
def event_recording(request: HttpRequest, event_id: int) -> HttpResponse:
    member = signed_in_member(request)
    event = event_for_action(event_id)
    check_manage_event(member, event)
    initial = {"recording_url": event.recording_url, "slides_url": event.slides_url}
    form = RecordingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            add_recording(
                member,
                event,
                recording_url=form.cleaned_data["recording_url"],
                slides_url=form.cleaned_data["slides_url"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The recording is added to the event's page."))
            return redirect(event_url(event, "recording"))
    return render(request, "events/event_recording.html", {"form": form, "event": event})


urlpatterns = [
    path("new/", event_create, name="event-create"),
    path("<int:event_id>/edit/", event_edit, name="event-edit"),
    path("<int:event_id>/cancel/", event_cancel, name="event-cancel"),
    path("<int:event_id>/recording/", event_recording, name="event-recording"),
]
