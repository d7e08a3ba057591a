"""Reads for the moderation pages: the report form, the queue, the log, a thread's tools.

Each function returns what its page shows in a fixed number of queries, whatever the
number of reports, held posts or log entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.core.pagination import page_number_within, paginate
from tertulia.forums.models import Flag, Forum, ModerationLog, Post, Thread
from tertulia.forums.permissions import check_flag_post, check_moderate
from tertulia.forums.services.moderation import ModerationAction
from tertulia.forums.services.moderation_flags import check_reply_visible

QUEUE_PAGE_SIZE = 25
LOG_PAGE_SIZE = 50
SPLIT_PAGE_SIZE = 50
THREAD_LOG_SIZE = 10
_LIGHT_POST = ("body_html", "submission_key")  # not shown on these pages


@dataclass
class FlagPage:
    post: Post
    has_open_flag: bool


def post_to_flag(viewer: Viewer, post_id: int) -> FlagPage:
    """The post a member is about to report; PermissionDenied when they may not."""
    post = get_object_or_404(
        Post.objects.select_related("thread__forum", "author").defer(*_LIGHT_POST), pk=post_id
    )
    check_flag_post(viewer, post)
    assert isinstance(viewer, Member)  # noqa: S101  # check_flag_post admits members only
    check_reply_visible(viewer, post)  # the page quotes the post
    has_open_flag = Flag.objects.filter(post=post, member=viewer, resolved_at__isnull=True).exists()
    return FlagPage(post=post, has_open_flag=has_open_flag)


def post_to_moderate(viewer: Viewer, post_id: int) -> Post:
    """A post with its thread, forum, author and number of open reports."""
    check_moderate(viewer)
    return get_object_or_404(
        Post.objects.select_related("thread__forum", "author")
        .defer(*_LIGHT_POST)
        .annotate(open_flag_count=Count("flags", filter=Q(flags__resolved_at__isnull=True))),
        pk=post_id,
    )


@dataclass
class ModerationQueue:
    flagged: Page[Post]  # each post has open_flags (oldest first) and open_flag_count
    held: Page[Post]


def moderation_queue(
    viewer: Viewer, *, flagged_page: str | None, held_page: str | None
) -> ModerationQueue:
    """Reported posts (oldest report first) and posts waiting for approval (oldest first).

    Queries: two counts, two pages and one prefetch of the reports with their authors.
    """
    check_moderate(viewer)
    open_flags = Q(flags__resolved_at__isnull=True)
    flagged = (
        Post.objects.annotate(
            open_flag_count=Count("flags", filter=open_flags),
            first_flagged_at=Min("flags__created_at", filter=open_flags),
        )
        .filter(open_flag_count__gt=0)
        .select_related("thread__forum", "author")
        .defer(*_LIGHT_POST)
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.filter(resolved_at__isnull=True)
                .select_related("member")
                .order_by("created_at", "pk"),
                to_attr="open_flags",
            )
        )
        .order_by("first_flagged_at", "pk")
    )
    held = (
        Post.objects.filter(is_approved=False, is_hidden=False)
        .select_related("thread__forum", "author")
        .defer(*_LIGHT_POST)
        .order_by("created_at", "pk")
    )
    return ModerationQueue(
        flagged=paginate(flagged, flagged_page, QUEUE_PAGE_SIZE),
        held=paginate(held, held_page, QUEUE_PAGE_SIZE),
    )


@dataclass
class LogRow:
    entry: ModerationLog
    label: str
    # The other thread of a merge or split, linked from the entry.
    other_thread_id: int | None = None
    other_thread_title: str = ""


def _label(action: str) -> str:
    try:
        return str(ModerationAction(action).label)
    except ValueError:
        return action  # an action from a later version, shown as recorded


def log_row(entry: ModerationLog) -> LogRow:
    details = entry.details if isinstance(entry.details, dict) else {}
    other = details.get("merged_into") or details.get("new_thread")
    title = details.get("merged_into_title") or details.get("new_title") or ""
    return LogRow(
        entry=entry,
        label=_label(entry.action),
        other_thread_id=other if isinstance(other, int) else None,
        other_thread_title=str(title),
    )


def _log_entries() -> QuerySet[ModerationLog]:
    return ModerationLog.objects.select_related("actor", "forum", "thread", "post").defer(
        "post__body", "post__body_html", "post__submission_key"
    )


@dataclass
class LogPage:
    page: Page[ModerationLog]
    rows: list[LogRow]


def moderation_log(viewer: Viewer, *, page_number: str | None) -> LogPage:
    """The audit log, newest first, 50 a page. Queries: a count and the page."""
    check_moderate(viewer)
    page = paginate(_log_entries().order_by("-created_at", "-pk"), page_number, LOG_PAGE_SIZE)
    return LogPage(page=page, rows=[log_row(entry) for entry in page.object_list])


@dataclass
class SplitPage:
    """One range of positions of the thread, for choosing posts to split off."""

    number: int
    count: int
    posts: list[Post] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1


@dataclass
class ThreadModeration:
    thread: Thread
    forums: list[Forum]
    split_page: SplitPage
    recent_log: list[LogRow]


def thread_to_moderate(
    viewer: Viewer, thread_id: int, *, split_page: str | None = None
) -> ThreadModeration:
    """A thread with the forums it may move to, one page of its posts and its last log entries.

    Posts are picked by position range (no OFFSET), so the 500th page of a long thread
    costs what the first does. Queries: the thread, the forums, the posts, the log.
    """
    check_moderate(viewer)
    thread = get_object_or_404(Thread.objects.select_related("forum", "author"), pk=thread_id)
    count = max(1, -(-thread.post_count // SPLIT_PAGE_SIZE))
    number = page_number_within(split_page, count)
    first = (number - 1) * SPLIT_PAGE_SIZE + 1
    posts = list(
        Post.objects.filter(
            thread=thread, position__gte=first, position__lt=first + SPLIT_PAGE_SIZE
        )
        .select_related("author")
        .defer(*_LIGHT_POST)
        .order_by("position")
    )
    recent = _log_entries().filter(thread=thread)
    return ThreadModeration(
        thread=thread,
        forums=list(Forum.objects.only("pk", "title", "position")),
        split_page=SplitPage(number=number, count=count, posts=posts),
        recent_log=[log_row(entry) for entry in recent.order_by("-created_at")[:THREAD_LOG_SIZE]],
    )


def merged_into(thread: Thread) -> int | None:
    """Where a merged thread's posts went (for a page that meets a merged thread's link)."""
    return thread.merged_into_id if thread.is_hidden else None
