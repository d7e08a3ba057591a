"""A thread's page of posts, permalinks, the first unread post, and edit history.

Page N holds positions (N-1)*20+1 .. N*20, read through the (thread, position) index,
so page 500 costs what page 1 costs. Everything a post shows (author, the post it
answers, attachments, the viewer's like and bookmark, open flags for facilitators)
comes in the same few queries, whatever the number of posts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.forums.models import (
    POSTS_PER_PAGE,
    Attachment,
    Bookmark,
    Draft,
    Flag,
    Post,
    PostRevision,
    Reaction,
    Thread,
)
from tertulia.forums.permissions import (
    can_delete_own_post,
    can_edit_post,
    can_moderate,
    check_read_thread,
    check_reply,
    needs_to_post_first,
    window_notice,
)
from tertulia.forums.queries.post_access import has_posted_in
from tertulia.forums.queries.visibility import (
    visible_posts_filter,
    with_reading_state,
    with_thread_subscription,
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


@dataclass
class PostItem:
    post: Post
    is_new: bool
    can_edit: bool
    can_delete: bool


@dataclass
class ThreadPage:
    thread: Thread
    page: PostPage
    items: list[PostItem]
    can_moderate: bool
    can_reply: bool
    reply_refusal: str
    window_notice: str
    must_post_first: bool
    previous_read_position: int | None
    highest_position_on_page: int
    is_subscribed: bool
    draft_body: str


def _page_number(raw: str | None, num_pages: int) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), num_pages)


def _thread_for(viewer: Viewer, thread_id: int) -> Thread:
    threads = Thread.objects.select_related("forum", "last_post", "author").defer(
        "last_post__body", "last_post__body_html"
    )
    threads = with_thread_subscription(with_reading_state(threads, viewer), viewer)
    if isinstance(viewer, Member) and is_member(viewer):
        threads = threads.annotate(
            viewer_has_posted=Exists(
                Post.objects.filter(thread=OuterRef("pk"), author=viewer, is_hidden=False)
            ),
            viewer_draft=Subquery(
                Draft.objects.filter(thread=OuterRef("pk"), member=viewer).values("body")[:1]
            ),
        )
    else:
        threads = threads.annotate(viewer_has_posted=Value(False), viewer_draft=Value(""))
    thread = get_object_or_404(threads, pk=thread_id)
    check_read_thread(viewer, thread)
    if thread.last_post_id is None and not _is_author_or_moderator(viewer, thread):
        raise Http404("This thread is waiting for approval.")
    return thread


def _is_author_or_moderator(viewer: Viewer, thread: Thread) -> bool:
    return can_moderate(viewer) or (isinstance(viewer, Member) and thread.author_id == viewer.pk)


def must_post_first(viewer: Viewer, thread: Thread) -> bool:
    """In a Q&A forum, whether the viewer must answer before seeing the other answers.

    The one who asked has posted already: their question is the thread's first post.
    Reads `viewer_has_posted` as the page query annotates it (see post_access.has_posted_in).
    """
    has_posted = bool(getattr(thread, "viewer_has_posted", False))
    return needs_to_post_first(viewer, thread.forum, has_posted=has_posted)


def _open_flags() -> Subquery:
    flags = (
        Flag.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
        .order_by()
        .values("post")
        .annotate(open=Count("pk"))
        .values("open")
    )
    return Subquery(flags, output_field=IntegerField())


def posts_for_display(posts: QuerySet[Post], viewer: Viewer) -> QuerySet[Post]:
    """Posts with what the post partials read, in a fixed number of queries."""
    posts = posts.select_related("author", "reply_to__author").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
    )
    posts = posts.defer("reply_to__body", "reply_to__body_html")
    if isinstance(viewer, Member) and is_member(viewer):
        posts = posts.annotate(
            viewer_has_liked=Exists(Reaction.objects.filter(post=OuterRef("pk"), member=viewer)),
            viewer_has_bookmarked=Exists(
                Bookmark.objects.filter(post=OuterRef("pk"), member=viewer)
            ),
        )
    else:
        posts = posts.annotate(viewer_has_liked=Value(False), viewer_has_bookmarked=Value(False))
    if can_moderate(viewer):
        return posts.annotate(open_flag_count=Coalesce(_open_flags(), Value(0)))
    return posts.annotate(open_flag_count=Value(0))


def thread_page(viewer: Viewer, thread_id: int, page_number: str | None) -> ThreadPage:
    thread = _thread_for(viewer, thread_id)
    num_pages = max(1, -(-thread.post_count // POSTS_PER_PAGE))
    page = PostPage(_page_number(page_number, num_pages), num_pages)
    must_answer = must_post_first(viewer, thread)
    posts = Post.objects.filter(
        visible_posts_filter(viewer),
        thread=thread,
        position__gte=page.first_position,
        position__lte=page.last_position,
    )
    if must_answer:
        posts = posts.filter(Q(position=1) | Q(author_id=getattr(viewer, "pk", None)))
    previous: int | None = getattr(thread, "viewer_last_read", None)
    last_visible = thread.last_post.position if thread.last_post else 0
    items = []
    for post in posts_for_display(posts, viewer).order_by("position"):
        post.thread = thread  # the permission checks below read it; no query
        items.append(
            PostItem(
                post=post,
                is_new=previous is not None and post.position > previous,
                can_edit=can_edit_post(viewer, post),
                can_delete=can_delete_own_post(
                    viewer, post, has_replies=last_visible > post.position
                ),
            )
        )
    try:
        check_reply(viewer, thread)
        refusal = ""
    except PermissionDenied as error:
        refusal = str(error)
    return ThreadPage(
        thread=thread,
        page=page,
        items=items,
        can_moderate=can_moderate(viewer),
        can_reply=not refusal,
        reply_refusal=refusal,
        window_notice=window_notice(thread.forum),
        must_post_first=must_answer,
        previous_read_position=previous,
        highest_position_on_page=min(page.last_position, thread.post_count),
        is_subscribed=bool(getattr(thread, "viewer_follows", False)),
        draft_body=str(getattr(thread, "viewer_draft", "") or ""),
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
    thread = _with_posted_flag(viewer, post.thread)
    if post.position > 1 and not is_own and must_post_first(viewer, thread):
        raise Http404("Answer first to read the other answers.")
    return post


def _with_posted_flag(viewer: Viewer, thread: Thread) -> Thread:
    thread.viewer_has_posted = has_posted_in(viewer, thread)  # type: ignore[attr-defined]  # as the page query annotates it
    return thread


def first_unread_position(viewer: Viewer, thread_id: int) -> tuple[Thread, Post | None]:
    """The thread and the first post after the viewer's mark that they may see."""
    thread = _thread_for(viewer, thread_id)
    after: int = getattr(thread, "viewer_last_read", None) or 0
    posts = Post.objects.filter(visible_posts_filter(viewer), thread=thread, position__gt=after)
    if must_post_first(viewer, thread):
        posts = posts.filter(Q(position=1) | Q(author_id=getattr(viewer, "pk", None)))
    return thread, posts.order_by("position").only("pk", "position", "thread_id").first()


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
