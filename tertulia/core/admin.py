from django.contrib import admin
from django.http import HttpRequest

from tertulia.core.models import SiteSettings, Theme


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin[SiteSettings]):
    list_display = ("community_name", "members_only")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: SiteSettings | None = None) -> bool:
        return False


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    list_display = ("name_en", "name_es", "name_fr", "slug")
    search_fields = ("name_en", "name_es", "name_fr", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
