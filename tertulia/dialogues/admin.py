"""Staff administration of dialogues: for looking up, not editing.

A dialogue changes through its pages (and their services), which keep its forum, its
window and its files in step; the admin only shows them.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from tertulia.dialogues.models import Dialogue, DialogueMaterial


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # shared by two models
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Dialogue)
class DialogueAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "opens_on", "closes_on", "time_zone")
    search_fields = ("title", "summary")
    ordering = ("-number",)


@admin.register(DialogueMaterial)
class DialogueMaterialAdmin(ReadOnlyAdmin):
    list_display = ("title", "dialogue", "kind", "language", "created_at")
    list_filter = ("kind",)
    search_fields = ("title",)
