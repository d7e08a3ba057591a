"""The forum index and one forum's thread list."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, QuerySet, Value
from django.shortcuts import get_object_or_404

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.forums.languages import content_language_choices, is_content_language
from tertulia.forums.models import Forum, Subscription, Thread
from tertulia.forums.permissions import (
    can_moderate,
    can_start_thread,
    check_read_forum,
    window_notice,
)
from tertulia.forums.queries.visibility import readable_forums, thread_list, visible_threads_filter

THREADS_PER_PAGE = 30


def forum_index(viewer: Viewer) -> list[Forum]:
    """The forums this viewer may read, in order, with counts and their last post."""
    return list(
        readable_forums(viewer)
        .select_related("last_post__author", "last_post__thread")
        .defer("last_post__body", "last_post__body_html", "description")
    )


class _KnownCountPaginator(Paginator[Thread]):
    """A paginator told the number of rows, so a long forum needs no COUNT(*) per page."""

    def __init__(self, items: QuerySet[Thread], per_page: int, count: int) -> None:
        super().__init__(items, per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


@dataclass
class ForumPage:
    forum: Forum
    page: Page[Thread]
    language: str
    language_choices: list[tuple[str, str]]
    can_start_thread: bool
    window_notice: str
    is_subscribed: bool
    can_moderate: bool


def forum_page(
    viewer: Viewer, forum_slug: str, *, page_number: str | None, language: str = ""
) -> ForumPage:
    """A forum's threads: pinned first, then by last activity, 30 a page."""
    forums = Forum.objects.all()
    if isinstance(viewer, Member) and is_member(viewer):
        forums = forums.annotate(
            viewer_follows=Exists(Subscription.objects.filter(member=viewer, forum=OuterRef("pk")))
        )
    else:
        forums = forums.annotate(viewer_follows=Value(False))
    forum = get_object_or_404(forums, slug=forum_slug)
    check_read_forum(viewer, forum)
    language = language if is_content_language(language) else ""
    threads = Thread.objects.filter(visible_threads_filter(viewer), forum=forum)
    if language:
        threads = threads.filter(language=language)
    ordered = thread_list(threads, viewer).order_by("-is_pinned", "-last_activity_at", "-pk")
    if language or can_moderate(viewer):
        paginator: Paginator[Thread] = Paginator(ordered, THREADS_PER_PAGE)
    else:
        # The kept count holds the visible threads; a member also sees their own threads
        # waiting for approval, which are few and found through the author index.
        count = forum.thread_count
        if isinstance(viewer, Member) and is_member(viewer):
            count += Thread.objects.filter(
                forum=forum, author=viewer, is_hidden=False, last_post__isnull=True
            ).count()
        paginator = _KnownCountPaginator(ordered, THREADS_PER_PAGE, count)
    return ForumPage(
        forum=forum,
        page=paginator.get_page(page_number),
        language=language,
        language_choices=content_language_choices(),
        can_start_thread=can_start_thread(viewer, forum),
        window_notice=window_notice(forum),
        is_subscribed=bool(getattr(forum, "viewer_follows", False)),
        can_moderate=can_moderate(viewer),
    )
