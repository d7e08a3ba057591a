"""Staff administration of dialogues: for looking up, not editing.

A dialogue changes through its pages (and their services), which keep its forum, its
window and its files in step; the admin only shows them.
"""

from __future__ import annotations

from django.contrib import admin

from tertulia.dialogues.models import Dialogue, DialogueMaterial
from tertulia.events.admin import ReadOnlyAdmin


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
