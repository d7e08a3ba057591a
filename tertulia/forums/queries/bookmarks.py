"""A member's bookmarks page: the posts they kept that they may still read."""

from __future__ import annotations

from django.core.paginator import Page
from django.db.models import Q

from tertulia.accounts.models import Member
from tertulia.core.pagination import paginate
from tertulia.forums.models import Bookmark, Forum
from tertulia.forums.permissions import can_moderate, readable_forums_filter

BOOKMARKS_PER_PAGE = 20


def _still_readable(member: Member) -> Q:
    """Bookmarks whose post the member may still see: forum open, thread and post shown."""
    readable_forums = Forum.objects.filter(readable_forums_filter(member)).values("pk")
    readable = Q(post__thread__forum__in=readable_forums)
    if can_moderate(member):
        return readable
    return (
        readable
        & Q(post__thread__is_hidden=False, post__is_hidden=False)
        & (Q(post__is_approved=True) | Q(post__author=member))
    )


def bookmarks_page(member: Member, page_number: str | None) -> Page[Bookmark]:
    """Latest bookmarks first, each with its post's author, thread and forum."""
    bookmarks = (
        Bookmark.objects.filter(member=member)
        .filter(_still_readable(member))
        .select_related("post__author", "post__thread__forum")
        .only(
            "created_at",
            "post__position",
            "post__created_at",
            "post__body_html",
            "post__author__display_name",
            "post__thread__title",
            "post__thread__forum__title",
            "post__thread__forum__slug",
        )
        .order_by("-created_at", "-id")
    )
    return paginate(bookmarks, page_number, BOOKMARKS_PER_PAGE)
