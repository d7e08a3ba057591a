"""Bookmarks: posts a member keeps to come back to. Private to the member; nobody is told."""

from __future__ import annotations

from django.db import transaction

from tertulia.accounts.models import Member
from tertulia.forums.models import Bookmark, Post
from tertulia.forums.permissions import check_bookmark_post
from tertulia.forums.queries.post_access import has_posted_in


def bookmark_post(member: Member, post: Post) -> bool:
    """Bookmark the post; bookmarking it again changes nothing. True when one was added."""
    check_bookmark_post(member, post, has_posted_in_thread=has_posted_in(member, post.thread))
    with transaction.atomic():
        _bookmark, created = Bookmark.objects.get_or_create(post=post, member=member)
    return created


def remove_bookmark(member: Member, post: Post) -> bool:
    """Remove the member's bookmark of the post, whatever became of the post since."""
    with transaction.atomic():
        deleted, _details = Bookmark.objects.filter(post=post, member=member).delete()
    return bool(deleted)
