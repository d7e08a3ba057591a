"""The upcoming and past event lists."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from tertulia.events.forms.pages import EventFilterForm
from tertulia.events.permissions import can_create_event
from tertulia.events.queries.listing import (
    EventListPage,
    past_events,
    series_choices,
    upcoming_events,
)
from tertulia.events.views.common import viewer_zone


def _list(request: HttpRequest, *, past: bool) -> HttpResponse:
    form = EventFilterForm(request.GET or None, series_choices=series_choices())
    filters = form.filters()
    read = past_events if past else upcoming_events
    result: EventListPage = read(request.user, filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {
            "form": form,
            "page": result.page,
            "rows": result.rows,
            "is_past": past,
            "is_filtered": bool(filters),
            "query_string": query.urlencode(),
            "viewer_zone": viewer_zone(request),
            "can_create": can_create_event(request.user),
        },
    )


def event_list(request: HttpRequest) -> HttpResponse:
    return _list(request, past=False)


def event_past(request: HttpRequest) -> HttpResponse:
    return _list(request, past=True)


urlpatterns = [
    path("", event_list, name="event-list"),
    path("past/", event_past, name="event-past"),
]
