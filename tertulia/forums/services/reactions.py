"""Likes: one per member per post, with the post's like count kept in the same transaction.

A new like tells the post's author; notify() batches the likes on one post into one
unread notification ("Ana and 4 other people liked your post"), not one per click.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import is_member
from tertulia.forums.models import Post, Reaction
from tertulia.forums.permissions import check_like_post, check_read_thread
from tertulia.forums.queries.post_access import has_posted_in
from tertulia.forums.services import post_notices, revisions


def like_post(member: Member, post: Post) -> bool:
    """Like the post; liking it again changes nothing. True when a like was added."""
    check_like_post(member, post, has_posted_in_thread=has_posted_in(member, post.thread))
    with transaction.atomic():
        _reaction, created = Reaction.objects.get_or_create(post=post, member=member)
        if created:
            Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + 1)
            revisions.thread_changed(post.thread_id)
            post_notices.tell_liked(post, member)
    if created:
        post.like_count += 1
    return created


def unlike_post(member: Member, post: Post) -> bool:
    """Take back a like; True when there was one to take back."""
    # Taking a like back needs no more than reading: even once a post is hidden, or its
    # author's own, a member may still clear what they did.
    check_read_thread(member, post.thread)
    if not is_member(member):
        return False
    with transaction.atomic():
        deleted, _details = Reaction.objects.filter(post=post, member=member).delete()
        if deleted:
            Post.objects.filter(pk=post.pk, like_count__gt=0).update(like_count=F("like_count") - 1)
            revisions.thread_changed(post.thread_id)
    if deleted:
        post.like_count = max(0, post.like_count - 1)
    return bool(deleted)
