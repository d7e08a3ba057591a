"""A member's own events and their private calendar address."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from tertulia.events.calendars import member_feed_url
from tertulia.events.queries.my_events import my_events as read_my_events
from tertulia.events.views.common import signed_in_member, viewer_zone


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    data = read_my_events(signed_in_member(request))
    return render(
        request,
        "events/my_events.html",
        {
            "data": data,
            "feed_url": member_feed_url(data.feed) if data.feed else "",
            "viewer_zone": viewer_zone(request),
        },
    )


urlpatterns = [
    path("mine/", my_events, name="my-events"),
]
