"""Who may hear about a new post: followers of its thread and forum, the members it
mentions, and the forum's followers in mailing-list mode.

Everyone listed may see the post now (forum access, hidden threads, question-and-answer
forums where replies stay out of sight until one has answered); inactive members and
the post's author are left out. The list is read in a fixed number of queries, however
many follow the thread, so the background task that tells them stays cheap to start.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from tertulia.accounts.models import Member
from tertulia.forums.models import ForumKind, Post, Subscription
from tertulia.forums.permissions import can_see_post_content
from tertulia.notifications.models import MailSettings


@dataclass(frozen=True)
class Listener:
    """One member who may be told about the post, and every reason they have."""

    member: Member
    is_mentioned: bool
    follows_thread: bool
    follows_forum: bool
    # Mailing-list mode, and following the post's forum: wants every post by mail.
    wants_every_post: bool


def post_listeners(post: Post, *, mentioned_only: frozenset[int] | None = None) -> list[Listener]:
    """Everyone who may be told about `post` (read with thread and forum), by member id.

    `mentioned_only` narrows the list to those members, as mentioned (after an edit that
    names someone new).
    """
    thread = post.thread
    forum = thread.forum
    mentioned_ids = set(post.mentions.values_list("pk", flat=True))
    if mentioned_only is not None:
        mentioned_ids &= mentioned_only
        thread_ids: set[int] = set()
        forum_ids: set[int] = set()
        every_post_ids: set[int] = set()
        candidates = Q(pk__in=mentioned_ids)
    else:
        thread_ids = set(
            Subscription.objects.filter(thread_id=thread.pk).values_list("member_id", flat=True)
        )
        forum_follows = Subscription.objects.filter(forum_id=forum.pk).values("member_id")
        forum_ids = set(forum_follows.values_list("member_id", flat=True))
        every_post_ids = set(
            MailSettings.objects.filter(
                mailing_list_mode=True, member_id__in=forum_follows
            ).values_list("member_id", flat=True)
        )
        candidates = (
            Q(pk__in=mentioned_ids)
            | Q(pk__in=Subscription.objects.filter(thread_id=thread.pk).values("member_id"))
            | Q(pk__in=forum_follows)
        )
    members = list(
        Member.objects.filter(candidates, is_active=True).exclude(pk=post.author_id).order_by("pk")
    )
    posted_ids = _members_who_answered(post)
    return [
        Listener(
            member=member,
            is_mentioned=member.pk in mentioned_ids,
            follows_thread=member.pk in thread_ids,
            follows_forum=member.pk in forum_ids,
            wants_every_post=member.pk in every_post_ids,
        )
        for member in members
        if can_see_post_content(
            member,
            post,
            has_posted_in_thread=posted_ids is None or member.pk in posted_ids,
        )
    ]


def _members_who_answered(post: Post) -> set[int] | None:
    """In a question-and-answer forum, who has a post of their own in the thread (the
    others may not see the replies yet); None elsewhere, where it does not matter."""
    if post.thread.forum.kind != ForumKind.QUESTION_AND_ANSWER or post.position == 1:
        return None
    return set(
        Post.objects.filter(thread_id=post.thread_id, is_hidden=False).values_list(
            "author_id", flat=True
        )
    )
