"""A thread's page of posts, permalinks, the first unread post, and edit history.

Page N holds positions (N-1)*20+1 .. N*20, read through the (thread, position) index,
so page 500 costs what page 1 costs. The page is read in two steps, so that a cached
page costs a couple of small queries whatever the thread:

1. `thread_page` reads the thread (with the viewer's reading state) and the few facts
   of each post on the page that decide who sees it and which buttons it gets
   (`PostFacts`, cached per page and thread revision), then the viewer's likes,
   bookmarks and (for facilitators) open reports on those posts.
2. Only the posts whose HTML is not cached yet (forums/fragments/posts.py) are read in
   full by `posts_for_display`: author, the post they answer, attachments, and the
   languages members translated them into.

Both steps take a fixed number of queries, whatever the number of posts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.core.pagination import page_number_within
from tertulia.forums.fragments import FRAGMENT_SECONDS, thread_version
from tertulia.forums.models import (
    POSTS_PER_PAGE,
    Attachment,
    Flag,
    Post,
    PostRevision,
    PostTranslation,
    Thread,
)
from tertulia.forums.permissions import (
    can_delete_own_post,
    can_edit_post_in,
    can_moderate,
    can_send_post_now,
    check_read_thread,
    check_reply,
    needs_to_post_first,
    window_notice,
)
from tertulia.forums.queries.marks import ThreadState, likes_and_bookmarks, thread_state
from tertulia.forums.queries.post_access import has_posted_in
from tertulia.forums.queries.sql import model_sql
from tertulia.forums.queries.visibility import (
    visible_posts_filter,
)


@dataclass
class PostPage:
    """The page numbers the pagination partial reads, without a COUNT query."""

    number: int
    num_pages: int

    @property
    def paginator(self) -> PostPage:
        return self

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def first_position(self) -> int:
        return (self.number - 1) * POSTS_PER_PAGE + 1

    @property
    def last_position(self) -> int:
        return self.number * POSTS_PER_PAGE


class PostFacts(NamedTuple):
    """What deciding who sees a post, and which buttons they get, reads of it.

    Cached per page and thread revision (`_page_facts`), for every post on the page
    whoever may see it: who sees what is decided per request in `_may_see`.
    """

    pk: int
    position: int
    author_id: int
    created_at: datetime
    is_approved: bool
    is_hidden: bool


class PostItem(NamedTuple):
    """One post as this viewer sees it: everything about the viewer that its HTML reads
    (fragments/posts.py keys the post's cached HTML by these values)."""

    post: PostFacts
    is_new: bool
    can_edit: bool
    can_delete: bool
    viewer_is_author: bool
    # "Send notifications now": the author, while the post's mail is still held.
    can_send_now: bool = False
    viewer_has_liked: bool = False
    viewer_has_bookmarked: bool = False
    open_flag_count: int = 0


@dataclass
class ThreadPage:
    thread: Thread
    page: PostPage
    items: list[PostItem]
    viewer_is_member: bool
    can_moderate: bool
    can_reply: bool
    reply_refusal: str
    window_notice: str
    must_post_first: bool
    previous_read_position: int | None
    highest_position_on_page: int
    is_subscribed: bool
    draft_body: str


def _last_post_position() -> RawSQL:
    """The position of the thread's last visible post, read by its primary key.

    A subquery rather than a join: joining the post (or the author) costs the ORM about
    as much as a query of its own, on the busiest page. SQL for the reason in sql.py.
    """
    sql = model_sql(
        Post,
        "SELECT {position} FROM {table} WHERE {id} = {last_post}",
        last_post=model_sql(Thread, "{table}.{last_post}"),
    )
    return RawSQL(sql, (), output_field=IntegerField())  # noqa: S611  # names from the models


class ThreadMerged(Exception):  # noqa: N818  # an outcome to act on, not an error
    """The thread was merged into another one, where its posts (and readers) now are."""

    def __init__(self, target_id: int) -> None:
        super().__init__(target_id)
        self.target_id = target_id


def _thread_for(viewer: Viewer, thread_id: int) -> tuple[Thread, ThreadState]:
    """The thread the viewer may read, with its forum and the position of its last visible
    post (`last_post_position`), and where the viewer stands in it (a member's read
    mark, subscription, own post, draft: one small query; nothing for a visitor).

    ThreadMerged when it was merged into another thread: its link leads there.
    """
    threads = Thread.objects.select_related("forum").annotate(
        last_post_position=_last_post_position()
    )
    thread = get_object_or_404(threads, pk=thread_id)
    if thread.merged_into_id is not None and thread.is_hidden:
        raise ThreadMerged(thread.merged_into_id)
    check_read_thread(viewer, thread)
    if thread.last_post_id is None and not _is_author_or_moderator(viewer, thread):
        raise Http404("This thread is waiting for approval.")
    if isinstance(viewer, Member) and is_member(viewer):
        return thread, thread_state(viewer.pk, thread.pk)
    return thread, ThreadState()


def _is_author_or_moderator(viewer: Viewer, thread: Thread) -> bool:
    return can_moderate(viewer) or (isinstance(viewer, Member) and thread.author_id == viewer.pk)


def must_post_first(viewer: Viewer, thread: Thread, *, has_posted: bool) -> bool:
    """In a Q&A forum, whether the viewer must answer before seeing the other answers.

    The one who asked has posted already: their question is the thread's first post.
    """
    return needs_to_post_first(viewer, thread.forum, has_posted=has_posted)


def _page_facts_key(thread: Thread, page: PostPage) -> str:
    return f"forums:page-facts:{thread.pk}:{thread_version(thread)}:{page.number}"


def _page_facts(thread: Thread, page: PostPage) -> list[PostFacts]:
    """Every post in the page's position range, whoever may see it; cached per revision.

    The key holds the thread's revision, which every write that touches its posts
    raises (services/revisions.py), so a cached list is never out of date.
    Member-independent: who sees which post is decided per request (`_may_see`).
    """
    key = _page_facts_key(thread, page)
    cached: list[PostFacts] | None = cache.get(key)
    if cached is not None:
        return cached
    rows = (
        Post.objects.filter(
            thread=thread,
            position__gte=page.first_position,
            position__lte=page.last_position,
        )
        .order_by("position")
        .values_list("pk", "position", "author_id", "created_at", "is_approved", "is_hidden")
    )
    facts = [PostFacts(*row) for row in rows]
    cache.set(key, facts, FRAGMENT_SECONDS)
    return facts


def _may_see(post: PostFacts, *, member_id: int | None, moderates: bool, must_answer: bool) -> bool:
    """Whether the post shows on the viewer's page (hidden ones show as a placeholder).

    Posts waiting for approval show to their author and facilitators only; in a Q&A
    forum, a member who has not answered yet sees the question and their own posts.
    The same rules as visible_posts_filter and must_post_first, applied to facts.
    """
    if moderates:
        return True
    is_own = member_id is not None and post.author_id == member_id
    if not (post.is_approved or is_own):
        return False
    return not must_answer or post.position == 1 or is_own


@dataclass
class _ViewerMarks:
    liked: set[int]
    bookmarked: set[int]
    open_flags: dict[int, int]


def _viewer_marks(viewer: Viewer, post_ids: list[int]) -> _ViewerMarks:
    """The viewer's likes and bookmarks among these posts (one query), and for
    facilitators the open reports on them (one more)."""
    marks = _ViewerMarks(liked=set(), bookmarked=set(), open_flags={})
    if isinstance(viewer, Member) and is_member(viewer):
        marks.liked, marks.bookmarked = likes_and_bookmarks(viewer.pk, post_ids)
    if can_moderate(viewer) and post_ids:
        flags = (
            Flag.objects.filter(post_id__in=post_ids, resolved_at__isnull=True)
            .order_by()
            .values_list("post_id")
            .annotate(open=Count("pk"))
        )
        marks.open_flags = dict(flags)
    return marks


def posts_for_display(post_ids: Iterable[int]) -> dict[int, Post]:
    """Posts in full, with what the post partials read, in a fixed number of queries.

    Nothing here depends on the viewer: what does is in each PostItem. Each post says
    whether members translated it (`has_translations`, read with the post); only when
    one of them was are the languages of the page's translations read, in one query.
    """
    posts = list(
        Post.objects.filter(pk__in=list(post_ids))
        .select_related("author", "reply_to__author")
        .defer("body", "reply_to__body", "reply_to__body_html")
        .annotate(has_translations=Exists(PostTranslation.objects.filter(post=OuterRef("pk"))))
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
    )
    if any(getattr(post, "has_translations", False) for post in posts):
        languages = PostTranslation.objects.only("pk", "post", "language").order_by("language")
        prefetch_related_objects(posts, Prefetch("translations", queryset=languages))
    return {post.pk: post for post in posts}


def thread_page(viewer: Viewer, thread_id: int, page_number: str | None) -> ThreadPage:
    thread, state = _thread_for(viewer, thread_id)
    num_pages = max(1, -(-thread.post_count // POSTS_PER_PAGE))
    page = PostPage(page_number_within(page_number, num_pages), num_pages)
    must_answer = must_post_first(viewer, thread, has_posted=state.has_posted)
    member_id = viewer.pk if isinstance(viewer, Member) and is_member(viewer) else None
    moderates = can_moderate(viewer)
    shown = [
        post
        for post in _page_facts(thread, page)
        if _may_see(post, member_id=member_id, moderates=moderates, must_answer=must_answer)
    ]
    marks = _viewer_marks(viewer, [post.pk for post in shown])
    previous = state.last_read
    last_visible: int = getattr(thread, "last_post_position", None) or 0
    items = [
        PostItem(
            post=post,
            is_new=previous is not None and post.position > previous,
            can_edit=can_edit_post_in(viewer, post, thread=thread),
            can_delete=can_delete_own_post(viewer, post, has_replies=last_visible > post.position),
            viewer_is_author=post.author_id == member_id,
            can_send_now=can_send_post_now(viewer, post, is_approved=post.is_approved),
            viewer_has_liked=post.pk in marks.liked,
            viewer_has_bookmarked=post.pk in marks.bookmarked,
            open_flag_count=marks.open_flags.get(post.pk, 0),
        )
        for post in shown
    ]
    try:
        check_reply(viewer, thread)
        refusal = ""
    except PermissionDenied as error:
        refusal = str(error)
    return ThreadPage(
        thread=thread,
        page=page,
        items=items,
        viewer_is_member=member_id is not None,
        can_moderate=moderates,
        can_reply=not refusal,
        reply_refusal=refusal,
        window_notice=window_notice(thread.forum),
        must_post_first=must_answer,
        previous_read_position=previous,
        highest_position_on_page=min(page.last_position, thread.post_count),
        is_subscribed=state.follows,
        draft_body=state.draft,
    )


def readable_post(viewer: Viewer, post_id: int) -> Post:
    """A post the viewer may see (for permalinks, quoting, editing), with its thread."""
    post = get_object_or_404(
        Post.objects.select_related("thread__forum", "thread__last_post", "author"), pk=post_id
    )
    check_read_thread(viewer, post.thread)
    is_own = isinstance(viewer, Member) and post.author_id == viewer.pk
    if not post.is_approved and not (is_own or can_moderate(viewer)):
        raise Http404("This post is waiting for approval.")
    if (
        post.position > 1
        and not is_own
        and must_post_first(viewer, post.thread, has_posted=has_posted_in(viewer, post.thread))
    ):
        raise Http404("Answer first to read the other answers.")
    return post


def first_unread_position(viewer: Viewer, thread_id: int) -> tuple[Thread, Post | None]:
    """The thread, and the first post after the viewer's mark that they may see (else its
    last visible post, or None when it has none)."""
    thread, state = _thread_for(viewer, thread_id)
    after = state.last_read or 0
    posts = Post.objects.filter(visible_posts_filter(viewer), thread=thread, position__gt=after)
    if must_post_first(viewer, thread, has_posted=state.has_posted):
        posts = posts.filter(Q(position=1) | Q(author_id=getattr(viewer, "pk", None)))
    first = posts.order_by("position").only("pk", "position", "thread_id").first()
    if first is None and thread.last_post_id is not None:
        first = (
            Post.objects.only("pk", "position", "thread_id").filter(pk=thread.last_post_id).first()
        )
    return thread, first


def post_history(viewer: Viewer, post_id: int) -> tuple[Post, list[PostRevision]]:
    """A post and its earlier versions, newest first (facilitators only)."""
    post = readable_post(viewer, post_id)
    revisions = list(post.revisions.select_related("edited_by").order_by("-edited_at", "-pk"))
    return post, revisions


def post_page_url(post: Post) -> str:
    """Where a post is read: its thread's page, scrolled to the post."""
    url = reverse("thread-detail", kwargs={"thread_id": post.thread_id})
    if post.page_number > 1:
        url += f"?page={post.page_number}"
    return f"{url}#post-{post.pk}"


def thread_for_posting(viewer: Viewer, thread_id: int) -> Thread:
    """The thread a reply or draft goes to, checked for reading (the service checks the rest)."""
    thread = get_object_or_404(Thread.objects.select_related("forum", "last_post"), pk=thread_id)
    check_read_thread(viewer, thread)
    return thread


def reply_target(thread: Thread, post_id: int | None) -> Post | None:
    """The post a reply answers, if it is in this thread (the service checks who may see it)."""
    if post_id is None:
        return None
    return Post.objects.select_related("author").filter(thread=thread, pk=post_id).first()
