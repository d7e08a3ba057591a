"""The registrants of an event, for its facilitators: who is registered and who waits,
attendance, a CSV export and a message to everyone registered."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tertulia.core.validators import parse_id
from tertulia.events.forms.common import add_service_errors
from tertulia.events.forms.pages import EmailRegistrantsForm
from tertulia.events.permissions import check_manage_event
from tertulia.events.queries.manage import event_for_action, registrants_page
from tertulia.events.services.registrants import email_registrants, registrants_csv
from tertulia.events.services.registration import mark_attendance
from tertulia.events.views.common import error_text, signed_in_member


def _render(
    request: HttpRequest, event_id: int, form: EmailRegistrantsForm | None = None
) -> HttpResponse:
    member = signed_in_member(request)
    event = event_for_action(event_id)
    check_manage_event(member, event)
    return render(
        request,
        "events/registrants.html",
        {
            "event": event,
            "data": registrants_page(event),
            "email_form": form or EmailRegistrantsForm(),
        },
    )


@login_required
def registrants(request: HttpRequest, event_id: int) -> HttpResponse:
    return _render(request, event_id)


@login_required
@require_POST
def registrants_attendance(request: HttpRequest, event_id: int) -> HttpResponse:
    member = signed_in_member(request)
    event = event_for_action(event_id)
    check_manage_event(member, event)
    attended = {
        member_id
        for member_id in map(parse_id, request.POST.getlist("attended"))
        if member_id is not None
    }
    try:
        count = mark_attendance(member, event, attended)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            ngettext(
                "Attendance is saved: %(count)s person attended.",
                "Attendance is saved: %(count)s people attended.",
                count,
            )
            % {"count": count},
        )
    return redirect(reverse("event-registrants", kwargs={"event_id": event.pk}))


@login_required
def registrants_export(request: HttpRequest, event_id: int) -> HttpResponse:
    member = signed_in_member(request)
    event = event_for_action(event_id)
    text = registrants_csv(member, event)
    response = HttpResponse(text.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registrants-{event.pk}.csv"'
    return response


@login_required
@require_POST
def registrants_email(request: HttpRequest, event_id: int) -> HttpResponse:
    member = signed_in_member(request)
    event = event_for_action(event_id)
    check_manage_event(member, event)
    form = EmailRegistrantsForm(request.POST)
    if form.is_valid():
        try:
            count = email_registrants(
                member,
                event,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Your message is on its way to %(count)s registered member.",
                    "Your message is on its way to %(count)s registered members.",
                    count,
                )
                % {"count": count},
            )
            return redirect(reverse("event-registrants", kwargs={"event_id": event.pk}))
    return _render(request, event_id, form)


urlpatterns = [
    path("<int:event_id>/registrants/", registrants, name="event-registrants"),
    path(
        "<int:event_id>/registrants/attendance/",
        registrants_attendance,
        name="event-registrants-attendance",
    ),
    path("<int:event_id>/registrants.csv", registrants_export, name="event-registrants-csv"),
    path("<int:event_id>/registrants/email/", registrants_email, name="event-registrants-email"),
]
