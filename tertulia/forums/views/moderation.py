"""Moderation pages: reporting a post, the queue, the audit log and actions on one post.

The tools for a whole thread live in `moderation_threads`.

Every action is a POST form that works without JavaScript and answers with a redirect
(back where the facilitator was, when `next` is a local address). A form sent with bad
input comes back with the message at the field, and nothing is saved. Permission is
checked by the queries and again by the services, so visitors and members get the 403
page with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from tertulia.accounts.permissions import Viewer
from tertulia.core.redirects import safe_next
from tertulia.forums import moderation_queries as queries
from tertulia.forums.models import Post
from tertulia.forums.moderation_forms import FlagForm, ReasonForm
from tertulia.forums.services.moderation_flags import dismiss_flags, flag_post
from tertulia.forums.services.moderation_posts import (
    approve_post,
    hide_post,
    reject_post,
    restore_post,
)
from tertulia.forums.views import moderation_threads


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (a form with only a button)."""
    return request.POST if request.method == "POST" else None


def _post_link(post: Post) -> str:
    return reverse("post-permalink", kwargs={"post_id": post.pk})


def _add_error(form: forms.Form, error: ValidationError, field: str | None = None) -> None:
    form.add_error(field if field in form.fields else None, error)


# --- Reporting ------------------------------------------------------------------------


def post_flag(request: HttpRequest, post_id: int) -> HttpResponse:
    """The report form for one post (inline with htmx, a small page without)."""
    flag_page = queries.post_to_flag(request.user, post_id)
    post = flag_page.post
    # Ids carry the post's number: with htmx, several report forms can share a page.
    form = FlagForm(_posted(request), auto_id=f"flag-{post.pk}-%s")
    done = False
    if request.method == "POST" and form.is_valid():
        try:
            flag_post(
                request.user,
                post,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _add_error(form, error, "note" if error.code == "max_length" else None)
        else:
            if not _is_htmx(request):
                messages.success(request, _("Thank you. A facilitator will look at this post."))
                return HttpResponseRedirect(safe_next(request, _post_link(post)))
            done = True
    template = (
        "forums/moderation_flag_partial.html"
        if _is_htmx(request)
        else "forums/moderation_flag.html"
    )
    return render(
        request,
        template,
        {
            "post": post,
            "thread": post.thread,
            "form": form,
            "done": done,
            "has_open_flag": flag_page.has_open_flag,
            "next": safe_next(request, ""),
        },
    )


# --- The queue and the log ------------------------------------------------------------


def moderation_queue(request: HttpRequest) -> HttpResponse:
    queue = queries.moderation_queue(
        request.user,
        flagged_page=request.GET.get("page"),
        held_page=request.GET.get("held"),
    )
    return render(request, "forums/moderation_queue.html", {"queue": queue})


def moderation_log(request: HttpRequest) -> HttpResponse:
    log = queries.moderation_log(request.user, page_number=request.GET.get("page"))
    return render(request, "forums/moderation_log.html", {"page": log.page, "rows": log.rows})


# --- Actions on one post ----------------------------------------------------------------


@dataclass(frozen=True)
class _PostAction:
    run: Callable[[Viewer, Post, str], object]
    reason_required: bool
    title: StrOrPromise
    button: StrOrPromise
    done: StrOrPromise


_POST_ACTIONS = {
    "hide": _PostAction(
        run=lambda actor, post, reason: hide_post(actor, post, reason=reason),
        reason_required=True,
        title=gettext_lazy("Hide a post"),
        button=gettext_lazy("Hide the post"),
        done=gettext_lazy("The post is hidden."),
    ),
    "restore": _PostAction(
        run=lambda actor, post, reason: restore_post(actor, post, reason=reason),
        reason_required=False,
        title=gettext_lazy("Restore a post"),
        button=gettext_lazy("Restore the post"),
        done=gettext_lazy("The post is visible again."),
    ),
    "approve": _PostAction(
        run=lambda actor, post, reason: approve_post(actor, post, reason=reason),
        reason_required=False,
        title=gettext_lazy("Approve a post"),
        button=gettext_lazy("Approve and publish"),
        done=gettext_lazy("The post is approved and published."),
    ),
    "reject": _PostAction(
        run=lambda actor, post, reason: reject_post(actor, post, reason=reason),
        reason_required=True,
        title=gettext_lazy("Reject a post"),
        button=gettext_lazy("Reject the post"),
        done=gettext_lazy("The post is rejected and hidden."),
    ),
    "dismiss": _PostAction(
        run=lambda actor, post, reason: dismiss_flags(actor, post, resolution=reason),
        reason_required=True,
        title=gettext_lazy("Dismiss the reports on a post"),
        button=gettext_lazy("Dismiss the reports"),
        done=gettext_lazy("The reports are dismissed."),
    ),
}


def post_moderate(request: HttpRequest, post_id: int, action: str) -> HttpResponse:
    """Hide, restore, approve, reject a post or dismiss its reports (GET shows the form)."""
    spec = _POST_ACTIONS.get(action)
    if spec is None:
        raise Http404
    post = queries.post_to_moderate(request.user, post_id)
    form = ReasonForm(_posted(request), required=spec.reason_required)
    if request.method == "POST" and form.is_valid():
        try:
            spec.run(request.user, post, form.cleaned_data["reason"])
        except ValidationError as error:
            _add_error(form, error, "reason" if error.code == "required" else None)
        else:
            messages.success(request, str(spec.done))
            return HttpResponseRedirect(safe_next(request, _post_link(post)))
    return render(
        request,
        "forums/moderation_post_action.html",
        {
            "post": post,
            "thread": post.thread,
            "form": form,
            "action": action,
            "spec": spec,
            "next": safe_next(request, ""),
        },
    )


urlpatterns = [
    path("moderation/", moderation_queue, name="moderation-queue"),
    path("moderation/log/", moderation_log, name="moderation-log"),
    path("p/<int:post_id>/flag/", post_flag, name="post-flag"),
    path("p/<int:post_id>/moderate/<slug:action>/", post_moderate, name="post-moderate"),
    # The thread tools live in their own module; forums/urls.py gathers this list only.
    *moderation_threads.urlpatterns,
]
