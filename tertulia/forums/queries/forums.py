"""The forum index and one forum's thread list."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.forums.languages import content_language_choices, is_content_language
from tertulia.forums.models import Forum, Thread
from tertulia.forums.permissions import (
    can_moderate,
    can_start_thread,
    check_read_forum,
    window_notice,
)
from tertulia.forums.queries.marks import forum_state
from tertulia.forums.queries.visibility import (
    readable_forums,
    thread_list,
    thread_rows,
    visible_threads_filter,
    visible_to_everyone,
)

THREADS_PER_PAGE = 30


def forum_index(viewer: Viewer) -> list[Forum]:
    """The forums this viewer may read, in order, with counts and their last post."""
    return list(
        readable_forums(viewer)
        .select_related("last_post__author", "last_post__thread")
        .defer("last_post__body", "last_post__body_html", "description")
    )


def forum_index_states(viewer: Viewer) -> list[Forum]:
    """The forums this viewer may read, in order, without their last posts: what tells
    whether the cached index is still right (fragments/forum_list.py)."""
    return list(
        readable_forums(viewer).only(
            "title",
            "slug",
            "position",
            "kind",
            "read_access",
            "write_access",
            "opens_at",
            "closes_at",
            "thread_count",
            "post_count",
            "last_post_id",
            "revision",
        )
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
    # Whether the viewer sees the same threads as everyone (a visitor, or a member with
    # no thread of their own waiting for approval here): the rows can then be shared.
    rows_are_shared: bool


def forum_page(
    viewer: Viewer, forum_slug: str, *, page_number: str | None, language: str = ""
) -> ForumPage:
    """A forum's threads: pinned first, then by last activity, 30 a page."""
    forum = get_object_or_404(Forum, slug=forum_slug)
    check_read_forum(viewer, forum)
    member = viewer if isinstance(viewer, Member) and is_member(viewer) else None
    follows, waiting = forum_state(member.pk, forum.pk) if member is not None else (False, 0)
    language = language if is_content_language(language) else ""
    moderates = can_moderate(viewer)
    if moderates:
        waiting = 0  # facilitators see every thread: the list is counted, not kept
    rows_are_shared = not moderates and not waiting
    if rows_are_shared:
        threads = thread_rows(Thread.objects.filter(visible_to_everyone(), forum=forum))
    else:
        threads = thread_list(
            Thread.objects.filter(visible_threads_filter(viewer), forum=forum), viewer
        )
    if language:
        threads = threads.filter(language=language)
    ordered = threads.order_by("-is_pinned", "-last_activity_at", "-pk")
    if language or moderates:
        paginator: Paginator[Thread] = Paginator(ordered, THREADS_PER_PAGE)
    else:
        # The kept count holds the threads everyone sees: no COUNT(*) over a long forum.
        paginator = _KnownCountPaginator(ordered, THREADS_PER_PAGE, forum.thread_count + waiting)
    return ForumPage(
        forum=forum,
        page=paginator.get_page(page_number),
        language=language,
        language_choices=content_language_choices(),
        can_start_thread=can_start_thread(viewer, forum),
        window_notice=window_notice(forum),
        is_subscribed=follows,
        can_moderate=moderates,
        rows_are_shared=rows_are_shared,
    )
