"""Lists across forums: latest threads, a member's threads, a member's posts."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Q
from django.shortcuts import get_object_or_404

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, check_view_profile
from tertulia.core.pagination import paginate
from tertulia.forums.models import ForumKind, Post, Thread
from tertulia.forums.permissions import can_moderate
from tertulia.forums.queries.visibility import (
    readable_forums,
    thread_list,
    visible_threads_filter,
)

THREADS_PER_PAGE = 30
POSTS_PER_LIST_PAGE = 20


def _readable_threads(viewer: Viewer) -> Q:
    # Ids, not a join: the forums are few, the threads many.
    forum_ids = list(readable_forums(viewer).values_list("pk", flat=True))
    return Q(forum_id__in=forum_ids) & visible_threads_filter(viewer)


def latest_threads(viewer: Viewer, page_number: str | None) -> Page[Thread]:
    """Threads from every forum the viewer may read, the most recently active first."""
    threads = Thread.objects.filter(_readable_threads(viewer))
    return paginate(
        thread_list(threads, viewer).order_by("-last_activity_at", "-pk"),
        page_number,
        THREADS_PER_PAGE,
    )


def recent_threads(viewer: Viewer, *, limit: int = 5) -> list[Thread]:
    """The few most recently active threads, for the home page."""
    threads = Thread.objects.filter(_readable_threads(viewer))
    return list(thread_list(threads, viewer).order_by("-last_activity_at", "-pk")[:limit])


def my_threads(member: Member, page_number: str | None) -> Page[Thread]:
    """Threads the member started or posted in, the most recently active first."""
    took_part = Q(author=member) | Q(
        pk__in=Post.objects.filter(author=member, is_hidden=False).values("thread_id")
    )
    threads = Thread.objects.filter(_readable_threads(member), took_part)
    return paginate(
        thread_list(threads, member).order_by("-last_activity_at", "-pk"),
        page_number,
        THREADS_PER_PAGE,
    )


@dataclass
class MemberPosts:
    member: Member
    page: Page[Post]


def member_posts(viewer: Viewer, member_id: int, page_number: str | None) -> MemberPosts:
    """A member's visible posts in threads the viewer may read, newest first."""
    member = get_object_or_404(Member, pk=member_id)
    check_view_profile(viewer, member)
    posts = Post.objects.filter(
        author=member,
        is_hidden=False,
        is_approved=True,
        thread__is_hidden=False,
        thread__forum_id__in=list(readable_forums(viewer).values_list("pk", flat=True)),
    )
    is_self = isinstance(viewer, Member) and viewer.pk == member.pk
    if not is_self and not can_moderate(viewer):
        # Answers in question-and-answer forums are for those who answered too.
        posts = posts.exclude(thread__forum__kind=ForumKind.QUESTION_AND_ANSWER, position__gt=1)
    posts = posts.select_related("thread__forum").order_by("-created_at", "-pk")
    return MemberPosts(member=member, page=paginate(posts, page_number, POSTS_PER_LIST_PAGE))
