"""Event pages."""

from django.urls import include, path

urlpatterns = [
    path("", include("tertulia.events.calendar_urls")),
]
