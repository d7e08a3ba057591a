"""Staff lookup of resources; changes go through the library's pages and services.

The pages keep what the admin would not: the language rows beside the JSON list, files
checked by their content, the submitter's mail, and the search index.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from tertulia.library.models import Resource


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin[Resource]):
    list_display = ("title", "kind", "status", "is_featured", "download_count", "published_at")
    list_filter = ("status", "kind", "is_featured")
    search_fields = ("title", "organisation", "authors")
    list_select_related = ("submitted_by",)
    readonly_fields = ("submitted_by", "approved_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Resource | None = None) -> bool:
        return False
