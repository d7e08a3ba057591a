"""Create a series: a first date, a simple repeat rule and/or a list of dates. Each
date becomes an event of its own, edited, moved or cancelled from its page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import ngettext

from tertulia.core.timezones import UTC, is_valid_zone
from tertulia.events.forms.common import add_service_errors
from tertulia.events.forms.series import SeriesForm
from tertulia.events.permissions import check_create_event
from tertulia.events.services.series import create_series
from tertulia.events.views.common import event_url, signed_in_member


@login_required
def series_create(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    check_create_event(member)
    zone = member.time_zone if is_valid_zone(member.time_zone) else UTC
    form = SeriesForm(
        request.POST or None,
        initial={"time_zone": zone, "language": member.interface_language or "en"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            _series, events = create_series(member, **form.series_fields())
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        except ValidationError as error:
            add_service_errors(form, error, form.service_aliases())
        else:
            messages.success(
                request,
                ngettext(
                    "The series is created with %(count)s date.",
                    "The series is created with %(count)s dates.",
                    len(events),
                )
                % {"count": len(events)},
            )
            return redirect(event_url(events[0]) if events else "event-list")
    return render(request, "events/series_form.html", {"form": form})


urlpatterns = [
    path("series/new/", series_create, name="series-create"),
]
