"""Staff look-up of trainings. Changes go through the trainings pages (and their
services), which check the dates, derive the deadline's instant and tell members."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from tertulia.trainings.models import Training


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin[Training]):
    list_display = ("title", "provider", "status", "starts_on", "deadline_on", "ends_on")
    list_filter = ("status", "format")
    search_fields = ("title", "provider")
    date_hierarchy = "starts_on"
    list_select_related = True

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Training | None = None) -> bool:
        return False
