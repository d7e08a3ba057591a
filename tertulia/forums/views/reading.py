"""Reading pages: the forum index, a forum, a thread, permalinks, lists, following, feeds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import is_member
from tertulia.core.validators import parse_id
from tertulia.forums.feeds import ForumAtomFeed, ForumFeed, ThreadAtomFeed, ThreadFeed
from tertulia.forums.fragments import forum_list as forum_list_fragments
from tertulia.forums.fragments import page_csrf_token
from tertulia.forums.fragments import posts as post_fragments
from tertulia.forums.fragments import reply_form as reply_form_fragments
from tertulia.forums.fragments import thread_rows as thread_row_fragments
from tertulia.forums.fragments.forum_parts import forum_parts
from tertulia.forums.fragments.thread_parts import thread_parts
from tertulia.forums.inbound import forum_mail_address
from tertulia.forums.models import Forum, Post
from tertulia.forums.permissions import check_moderate, check_read_forum
from tertulia.forums.queries import forums as forum_queries
from tertulia.forums.queries import lists
from tertulia.forums.queries import threads as thread_queries
from tertulia.forums.services import reading, subscriptions
from tertulia.forums.text import quote_markdown


def _member(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user


def forum_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forums/forum_index.html",
        {"forum_list_html": forum_list_fragments.render_forum_list(request.user)},
    )


def forum_detail(request: HttpRequest, forum_slug: str) -> HttpResponse:
    data = forum_queries.forum_page(
        request.user,
        forum_slug,
        page_number=request.GET.get("page"),
        language=request.GET.get("language", "")[:8],
    )
    query_string = f"language={data.language}" if data.language else ""
    return render(
        request,
        "forums/forum_detail.html",
        {
            "data": data,
            "forum": data.forum,
            "page": data.page,
            "rows_html": thread_row_fragments.render_forum_threads(request, data),
            "parts": forum_parts(data, query_string=query_string),
            "mail_address": forum_mail_address(data.forum) if data.can_start_thread else "",
        },
    )


def _reply_initial(request: HttpRequest, data: thread_queries.ThreadPage) -> dict[str, object]:
    """The reply box: the member's draft, plus a quote or a reply target from the link."""
    initial: dict[str, object] = {"body": data.draft_body}
    for key in ("quote", "reply_to"):
        post_id = parse_id(request.GET.get(key, ""))
        if post_id is None:
            continue
        try:
            post = thread_queries.readable_post(request.user, post_id)
        except (PermissionDenied, Http404):
            continue
        if post.thread_id != data.thread.pk or post.is_hidden:
            continue
        initial["reply_to"] = post.pk
        initial["reply_to_post"] = post
        if key == "quote":
            quote = quote_markdown(
                author_name=post.author.display_name,
                permalink=reverse("post-permalink", kwargs={"post_id": post.pk}),
                body=post.body,
            )
            initial["body"] = f"{data.draft_body.rstrip()}\n\n{quote}".lstrip()
    return initial


def _to_merged_thread(request: HttpRequest, merged: thread_queries.ThreadMerged) -> HttpResponse:
    messages.info(request, _("That thread was merged into this one."))
    return redirect("thread-detail", thread_id=merged.target_id)


def thread_detail(request: HttpRequest, thread_id: int) -> HttpResponse:
    try:
        data = thread_queries.thread_page(request.user, thread_id, request.GET.get("page"))
    except thread_queries.ThreadMerged as merged:
        return _to_merged_thread(request, merged)
    view_count = reading.record_thread_view(data.thread)
    if isinstance(request.user, Member) and is_member(request.user):
        reading.mark_read(
            request.user,
            data.thread,
            position=data.highest_position_on_page,
            previous=data.previous_read_position,
        )
    csrf_token = page_csrf_token(request)
    reply_form_html = ""
    if data.can_reply:
        initial = _reply_initial(request, data)
        reply_to_post = initial.pop("reply_to_post", None)
        reply_form_html = reply_form_fragments.render_reply_form(
            request,
            data.thread,
            initial=initial,
            reply_to_post=reply_to_post if isinstance(reply_to_post, Post) else None,
            csrf_token=csrf_token,
        )
    return render(
        request,
        "forums/thread_detail.html",
        {
            "data": data,
            "thread": data.thread,
            "forum": data.thread.forum,
            "page": data.page,
            "can_moderate": data.can_moderate,
            "reply_form_html": reply_form_html,
            "view_count": view_count,
            "posts_html": post_fragments.render_posts(data, csrf_token=csrf_token),
            "parts": thread_parts(data),
            "csrf_token": csrf_token,
        },
    )


def post_permalink(request: HttpRequest, post_id: int) -> HttpResponse:
    post = thread_queries.readable_post(request.user, post_id)
    return redirect(thread_queries.post_page_url(post))


def thread_unread(request: HttpRequest, thread_id: int) -> HttpResponse:
    """Jump to the first post the viewer has not read yet (or the end when all is read)."""
    try:
        thread, post = thread_queries.first_unread_position(request.user, thread_id)
    except thread_queries.ThreadMerged as merged:
        return _to_merged_thread(request, merged)
    if post is None:
        return redirect("thread-detail", thread_id=thread.pk)
    return redirect(thread_queries.post_page_url(post))


@login_required
def post_history(request: HttpRequest, post_id: int) -> HttpResponse:
    check_moderate(request.user)
    post, revisions = thread_queries.post_history(request.user, post_id)
    return render(
        request,
        "forums/post_history.html",
        {"post": post, "thread": post.thread, "revisions": revisions},
    )


def latest(request: HttpRequest) -> HttpResponse:
    page = lists.latest_threads(request.user, request.GET.get("page"))
    return render(
        request,
        "forums/thread_list.html",
        {"page": page, "heading": _("Latest discussions"), "list_name": "latest"},
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page = lists.my_threads(_member(request), request.GET.get("page"))
    return render(
        request,
        "forums/thread_list.html",
        {"page": page, "heading": _("My threads"), "list_name": "mine"},
    )


def member_posts(request: HttpRequest, member_id: int) -> HttpResponse:
    data = lists.member_posts(request.user, member_id, request.GET.get("page"))
    return render(
        request,
        "forums/member_posts.html",
        {"member": data.member, "page": data.page},
    )


@login_required
@require_POST
def follow_forum(request: HttpRequest, forum_slug: str) -> HttpResponse:
    member = _member(request)
    forum = get_object_or_404(Forum, slug=forum_slug)
    check_read_forum(member, forum)
    if request.POST.get("follow") == "1":
        subscriptions.subscribe_to_forum(member, forum)
        messages.success(request, _("You follow this forum: you will hear of new threads."))
    else:
        subscriptions.unsubscribe_from_forum(member, forum)
        messages.success(request, _("You no longer follow this forum."))
    return redirect("forum-detail", forum_slug=forum.slug)


@login_required
@require_POST
def follow_thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    member = _member(request)
    thread = thread_queries.thread_for_posting(member, thread_id)
    if request.POST.get("follow") == "1":
        subscriptions.subscribe_to_thread(member, thread)
        messages.success(request, _("You follow this thread: you will hear of new replies."))
    else:
        subscriptions.unsubscribe_from_thread(member, thread)
        messages.success(request, _("You no longer follow this thread."))
    return redirect("thread-detail", thread_id=thread.pk)


urlpatterns = [
    path("", forum_index, name="forum-index"),
    path("latest/", latest, name="forum-latest"),
    path("mine/", mine, name="forum-mine"),
    path("members/<int:member_id>/posts/", member_posts, name="member-posts"),
    path("t/<int:thread_id>/", thread_detail, name="thread-detail"),
    path("t/<int:thread_id>/unread/", thread_unread, name="thread-unread"),
    path("t/<int:thread_id>/follow/", follow_thread, name="thread-follow"),
    path("t/<int:thread_id>/feed/rss/", ThreadFeed(), name="thread-feed-rss"),
    path("t/<int:thread_id>/feed/atom/", ThreadAtomFeed(), name="thread-feed-atom"),
    path("p/<int:post_id>/", post_permalink, name="post-permalink"),
    path("p/<int:post_id>/history/", post_history, name="post-history"),
]

# Patterns that start with a forum's slug go last in the forums' URLs (see posting.py).
forum_urlpatterns = [
    path("<str:forum_slug>/", forum_detail, name="forum-detail"),
    path("<str:forum_slug>/follow/", follow_forum, name="forum-follow"),
    path("<str:forum_slug>/feed/rss/", ForumFeed(), name="forum-feed-rss"),
    path("<str:forum_slug>/feed/atom/", ForumAtomFeed(), name="forum-feed-atom"),
]
