"""Staff administration of forums; threads and posts are for looking up, not editing.

Posts and threads change through the forum pages (and their services), which keep
counters, revisions and the moderation log right; the admin only shows them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.translation import gettext_lazy as _

from tertulia.core.markdown import render_markdown
from tertulia.forums.models import Forum, Post, Thread
from tertulia.forums.services.revisions import forum_changed


def _is_reserved_slug(slug: str) -> bool:
    """A slug that a fixed forum page (latest/, mine/, t/...) already answers to."""
    try:
        url = reverse("forum-detail", kwargs={"forum_slug": slug})
    except NoReverseMatch:
        return True
    return resolve(url).url_name != "forum-detail"


class ForumAdminForm(forms.ModelForm[Forum]):
    class Meta:
        model = Forum
        fields = (
            "title",
            "slug",
            "description",
            "position",
            "languages",
            "kind",
            "read_access",
            "write_access",
            "opens_at",
            "closes_at",
        )

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if _is_reserved_slug(slug):
            raise forms.ValidationError(_("This address is taken by a forum page; choose another."))
        return slug


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin[Forum]):
    form = ForumAdminForm
    list_display = (
        "title",
        "position",
        "kind",
        "read_access",
        "write_access",
        "opens_at",
        "closes_at",
        "thread_count",
        "post_count",
    )
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("thread_count", "post_count")
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "position", "languages", "kind")}),
        (_("Access"), {"fields": ("read_access", "write_access")}),
        (
            _("Posting window"),
            {
                "fields": ("opens_at", "closes_at"),
                "description": _("Outside these dates the forum can be read but not posted to."),
            },
        ),
        (_("Counts"), {"fields": ("thread_count", "post_count")}),
    )

    def save_model(self, request: HttpRequest, obj: Forum, form: Any, change: bool) -> None:
        obj.description_html = render_markdown(obj.description)
        super().save_model(request, obj, form, change)
        forum_changed(obj.pk)


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin[Thread]):
    list_display = (
        "title",
        "forum",
        "author",
        "language",
        "is_pinned",
        "is_locked",
        "is_hidden",
        "reply_count",
        "last_activity_at",
    )
    list_filter = ("forum", "language", "is_pinned", "is_locked", "is_hidden")
    search_fields = ("title",)
    list_select_related = ("forum", "author")
    date_hierarchy = "last_activity_at"
    exclude = ("tags",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Thread | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Thread | None = None) -> bool:
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ("__str__", "thread", "author", "created_at", "is_approved", "is_hidden")
    list_filter = ("is_approved", "is_hidden")
    search_fields = ("body",)
    list_select_related = ("thread", "author")
    raw_id_fields = ("thread", "author", "reply_to", "hidden_by")
    exclude = ("mentions",)
    show_full_result_count = False  # counting a million posts on every page is slow

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Post | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Post | None = None) -> bool:
        return False
