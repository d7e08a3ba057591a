"""A post's likes and bookmarks as the viewer sees them, and the page of who liked it."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import BooleanField, Exists, OuterRef, QuerySet, Value
from django.http import Http404
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.core.pagination import paginate
from tertulia.forums.models import Bookmark, Post, Reaction
from tertulia.forums.permissions import can_see_post_content
from tertulia.forums.queries.post_access import has_posted_in

LIKERS_PER_PAGE = 50


def with_viewer_reactions(posts: QuerySet[Post], viewer: Viewer) -> QuerySet[Post]:
    """Add viewer_has_liked and viewer_has_bookmarked to each post (False for visitors)."""
    if not (isinstance(viewer, Member) and is_member(viewer)):
        return posts.annotate(
            viewer_has_liked=Value(False, output_field=BooleanField()),
            viewer_has_bookmarked=Value(False, output_field=BooleanField()),
        )
    return posts.annotate(
        viewer_has_liked=Exists(Reaction.objects.filter(post=OuterRef("pk"), member=viewer)),
        viewer_has_bookmarked=Exists(Bookmark.objects.filter(post=OuterRef("pk"), member=viewer)),
    )


def post_for_reactions(viewer: Viewer, post_id: int) -> Post:
    """The post, with its thread and forum and the viewer's like and bookmark, or 404.

    The reactions partial renders from exactly this; a post the viewer may not see is
    answered as if it did not exist.
    """
    post = (
        with_viewer_reactions(Post.objects.select_related("thread__forum"), viewer)
        .defer("body", "body_html")
        .filter(pk=post_id)
        .first()
    )
    if post is None or not can_see_post_content(
        viewer, post, has_posted_in_thread=has_posted_in(viewer, post.thread)
    ):
        raise Http404(_("There is no such post."))
    return post


@dataclass(frozen=True)
class LikersPage:
    post: Post
    page: Page[Reaction]


def likers_page(viewer: Viewer, post_id: int, page_number: str | None) -> LikersPage:
    """Who liked a post, latest first, with the post's thread for the heading."""
    post = post_for_reactions(viewer, post_id)
    reactions = (
        Reaction.objects.filter(post=post)
        .select_related("member")
        .only("created_at", "member__display_name", "member__is_active")
        .order_by("-created_at", "-id")
    )
    return LikersPage(post=post, page=paginate(reactions, page_number, LIKERS_PER_PAGE))
