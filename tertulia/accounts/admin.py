from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from tertulia.accounts.models import Expertise, Member, MemberLanguage


class MemberLanguageInline(admin.TabularInline[MemberLanguage, Member]):
    model = MemberLanguage
    extra = 0


@admin.register(Member)
class MemberAdmin(UserAdmin):  # type: ignore[type-arg]  # UserAdmin is typed for AbstractUser
    ordering = ("search_name",)
    list_display = ("display_name", "email", "country", "role", "is_staff", "is_active")
    list_filter = ("role", "is_staff", "is_active", "country")
    search_fields = ("display_name", "search_name", "email", "organisation")
    readonly_fields = ("date_joined", "last_login", "deactivated_at")
    inlines = (MemberLanguageInline,)
    filter_horizontal = ("expertise", "groups", "user_permissions")
    fieldsets = (
        (None, {"fields": ("email", "password", "display_name")}),
        (
            _("Profile"),
            {
                "fields": (
                    "country", "city", "organisation", "job_title", "expertise", "time_zone",
                    "interface_language", "bio", "avatar", "show_email", "profile_visibility",
                )
            },
        ),
        (_("Role and access"), {"fields": ("role", "is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("date_joined", "last_login", "deactivated_at")}),
    )  # fmt: skip
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")},
        ),
    )


@admin.register(Expertise)
class ExpertiseAdmin(admin.ModelAdmin[Expertise]):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}  # Django's admin API
