"""The event page: what, when (in the viewer's zone and the organiser's), who speaks,
how to join, registration, questions and, afterwards, the recording."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from tertulia.events.calendars import google_calendar_url, outlook_calendar_url
from tertulia.events.forms.pages import QuestionForm
from tertulia.events.queries.detail import EventPage, event_page
from tertulia.events.queries.manage import event_for_action
from tertulia.events.views.common import event_url, viewer_zone


def render_event_page(
    request: HttpRequest,
    data: EventPage,
    *,
    question_form: QuestionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "events/event_detail.html",
        {
            "data": data,
            "event": data.event,
            "question_form": question_form or QuestionForm(),
            "viewer_zone": viewer_zone(request),
            "calendar_links": {
                "google": google_calendar_url(data.event),
                "outlook": outlook_calendar_url(data.event),
            },
        },
        status=status,
    )


def event_detail(request: HttpRequest, event_id: int, slug: str) -> HttpResponse:
    data = event_page(request.user, event_id)
    if data.event.slug != slug:
        return redirect(event_url(data.event), permanent=True)
    return render_event_page(request, data)


def event_permalink(request: HttpRequest, event_id: int) -> HttpResponse:
    """/events/<id>/ leads to the page's full address."""
    return redirect(event_url(event_for_action(event_id)))


urlpatterns = [
    path("<int:event_id>/", event_permalink, name="event-permalink"),
    path("<int:event_id>/<str:slug>/", event_detail, name="event-detail"),
]
