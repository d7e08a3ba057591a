"""Calendar files and feeds (.ics)."""

from django.urls import URLPattern, path

from tertulia.events import calendar_views

urlpatterns: list[URLPattern] = [
    path("calendar.ics", calendar_views.events_calendar_feed, name="events-calendar-feed"),
    path(
        "calendar/<str:token>.ics",
        calendar_views.member_calendar_feed,
        name="member-calendar-feed",
    ),
    path("calendar/reset/", calendar_views.calendar_feed_reset, name="calendar-feed-reset"),
    path("calendar/revoke/", calendar_views.calendar_feed_revoke, name="calendar-feed-revoke"),
    path("<int:event_id>/event.ics", calendar_views.event_ics, name="event-ics"),
]
