"""Writing pages: start a thread, reply, preview, edit, delete one's own post, keep a draft,
send a post's notifications without waiting for its edit window.

Every form works without JavaScript: Preview is a second submit button. With htmx the
reply box also saves a draft while the member types.
"""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.accounts.models import Member
from tertulia.forums.forms import DraftForm, EditPostForm, ReplyForm, ThreadForm
from tertulia.forums.models import Forum
from tertulia.forums.permissions import (
    check_edit_post,
    check_read_forum,
    check_start_thread,
    window_notice,
)
from tertulia.forums.queries.threads import (
    post_page_url,
    readable_post,
    reply_target,
    thread_for_posting,
)
from tertulia.forums.services import announcing, drafts, posts, threads
from tertulia.forums.text import render_post_body


def _member(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user


def _preview(body: str) -> str:
    return render_post_body(body).html if body.strip() else ""


@login_required
def new_thread(request: HttpRequest, forum_slug: str) -> HttpResponse:
    member = _member(request)
    forum = get_object_or_404(Forum, slug=forum_slug)
    check_read_forum(member, forum)
    check_start_thread(member, forum)
    form = ThreadForm(request.POST or None, request.FILES or None)
    preview_html = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview_html = _preview(data["body"])
        else:
            try:
                thread = threads.start_thread(
                    member,
                    forum,
                    title=data["title"],
                    body=data["body"],
                    language=data["language"] or None,
                    tags=form.tag_names(),
                    submission_key=data["submission_key"],
                    uploads=form.uploads,
                    alt_texts=form.alt_texts,
                )
            except PermissionDenied as refusal:
                form.add_error(None, str(refusal))
                status = 403
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your thread is started."))
                return redirect("thread-detail", thread_id=thread.pk)
    return render(
        request,
        "forums/thread_new.html",
        {"forum": forum, "form": form, "preview_html": preview_html},
        status=status,
    )


@login_required
def reply(request: HttpRequest, thread_id: int) -> HttpResponse:
    member = _member(request)
    thread = thread_for_posting(member, thread_id)
    if request.method != "POST":
        return redirect("thread-detail", thread_id=thread.pk)
    form = ReplyForm(
        request.POST,
        request.FILES,
        draft_url=reverse("thread-draft", kwargs={"thread_id": thread.pk}),
    )
    preview_html = ""
    status = 200
    target = None
    if form.is_valid():
        data = form.cleaned_data
        target = reply_target(thread, data["reply_to"])
        if "preview" in request.POST:
            preview_html = _preview(data["body"])
        else:
            try:
                post = posts.post_reply(
                    member,
                    thread,
                    body=data["body"],
                    reply_to=target,
                    submission_key=data["submission_key"],
                    uploads=form.uploads,
                    alt_texts=form.alt_texts,
                )
            except PermissionDenied as refusal:
                form.add_error(None, str(refusal))
                status = 403
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if post.is_approved:
                    messages.success(request, _("Your reply is posted."))
                else:
                    messages.info(
                        request,
                        _("Your reply is waiting for a facilitator's approval; only you see it."),
                    )
                return redirect(post_page_url(post))
    # Keep what they wrote for when they come back, whatever went wrong.
    body = request.POST.get("body", "")
    with contextlib.suppress(ValidationError):  # too long to keep: the form says so already
        drafts.save_draft(member, thread, body)
    return render(
        request,
        "forums/reply.html",
        {
            "thread": thread,
            "form": form,
            "reply_to_post": target,
            "preview_html": preview_html,
            "window_notice": window_notice(thread.forum),
        },
        status=status,
    )


@login_required
@require_POST
def save_draft(request: HttpRequest, thread_id: int) -> HttpResponse:
    member = _member(request)
    thread = thread_for_posting(member, thread_id)
    form = DraftForm(request.POST)
    saved = False
    error = ""
    if form.is_valid():
        try:
            saved = drafts.save_draft(member, thread, form.cleaned_data["body"]) is not None
        except ValidationError as problem:
            error = " ".join(problem.messages)
    if request.headers.get("HX-Request"):
        return render(request, "forums/draft_status_partial.html", {"saved": saved, "error": error})
    if error:
        messages.error(request, error)
    elif saved:
        messages.success(request, _("Your draft is saved."))
    return redirect(reverse("thread-detail", kwargs={"thread_id": thread.pk}) + "#reply")


@login_required
def edit_post(request: HttpRequest, post_id: int) -> HttpResponse:
    member = _member(request)
    post = readable_post(member, post_id)
    check_edit_post(member, post)
    with_title = post.position == 1
    initial = {"body": post.body, "title": post.thread.title, "language": post.language}
    form = EditPostForm(
        request.POST or None, request.FILES or None, initial=initial, with_title=with_title
    )
    preview_html = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview_html = _preview(data["body"])
        else:
            try:
                posts.edit_post(
                    member,
                    post,
                    body=data["body"],
                    title=data.get("title"),
                    language=data.get("language") or None,
                    uploads=form.uploads,
                    alt_texts=form.alt_texts,
                )
            except PermissionDenied as refusal:
                form.add_error(None, str(refusal))
                status = 403
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(post_page_url(post))
    return render(
        request,
        "forums/post_edit.html",
        {"post": post, "thread": post.thread, "form": form, "preview_html": preview_html},
        status=status,
    )


@login_required
def delete_post(request: HttpRequest, post_id: int) -> HttpResponse:
    """Ask first (GET), then hide the post (POST with confirm)."""
    member = _member(request)
    post = readable_post(member, post_id)
    if request.method == "POST" and request.POST.get("confirm"):
        posts.delete_own_post(member, post)
        messages.success(request, _("Your post is deleted."))
        if post.position == 1:
            return redirect("forum-detail", forum_slug=post.thread.forum.slug)
        return redirect("thread-detail", thread_id=post.thread_id)
    posts.check_delete_own_post(member, post)
    return render(request, "forums/post_delete.html", {"post": post, "thread": post.thread})


@login_required
@require_POST
def send_now(request: HttpRequest, post_id: int) -> HttpResponse:
    """The author's "send now": followers' mail leaves before the edit window ends."""
    member = _member(request)
    post = readable_post(member, post_id)
    try:
        announcing.send_notices_now(member, post)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, _("The notifications of your post are on their way."))
    return redirect(post_page_url(post))


urlpatterns = [
    path("t/<int:thread_id>/reply/", reply, name="thread-reply"),
    path("t/<int:thread_id>/draft/", save_draft, name="thread-draft"),
    path("p/<int:post_id>/edit/", edit_post, name="post-edit"),
    path("p/<int:post_id>/delete/", delete_post, name="post-delete"),
    path("p/<int:post_id>/send-now/", send_now, name="post-send-now"),
]

# Patterns that start with a forum's slug go last in the forums' URLs, so that no slug
# hides a fixed path such as "latest/" from another module.
forum_urlpatterns = [
    path("<str:forum_slug>/new/", new_thread, name="thread-new"),
]
