"""Staff look-up of events, series, speakers and registrations.

Everything here is read-only: events change through the event pages and their services,
which keep times, counters, the calendar SEQUENCE and the registrants' mail right.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from tertulia.events.models import (
    CalendarFeed,
    Event,
    EventSeries,
    Registration,
    SentReminder,
    Speaker,
)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = (
        "title", "kind", "language", "starts_at", "time_zone", "status",
        "registered_count", "waitlist_count", "capacity",
    )  # fmt: skip
    list_filter = ("kind", "status", "language")
    search_fields = ("title",)
    date_hierarchy = "starts_at"
    list_select_related = ("series",)


@admin.register(EventSeries)
class EventSeriesAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "time_zone", "first_start", "rrule")
    search_fields = ("title",)


@admin.register(Speaker)
class SpeakerAdmin(ReadOnlyAdmin):
    list_display = ("name", "organisation", "member")
    search_fields = ("name", "organisation")
    list_select_related = ("member",)


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ("event", "member", "status", "created_at", "attended")
    list_filter = ("status",)
    search_fields = ("event__title", "member__display_name", "member__email")
    list_select_related = ("event", "member")


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    list_display = ("registration", "kind", "for_start", "sent_at")
    list_filter = ("kind",)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdmin):
    list_display = ("member", "created_at")
    exclude = ("token",)
    list_select_related = ("member",)
