"""Event pages, gathered from one module per area, and the calendar files."""

from django.urls import include, path

from tertulia.events.views import (
    detail,
    listing,
    manage,
    my_events,
    questions,
    registrants,
    registration,
    series,
)

urlpatterns = [
    path("", include("tertulia.events.calendar_urls")),
    *listing.urlpatterns,
    *my_events.urlpatterns,
    *series.urlpatterns,
    *manage.urlpatterns,
    *registration.urlpatterns,
    *questions.urlpatterns,
    *registrants.urlpatterns,
    # Last: "<event_id>/<slug>/" would otherwise catch "<event_id>/edit/" and the like.
    *detail.urlpatterns,
]
