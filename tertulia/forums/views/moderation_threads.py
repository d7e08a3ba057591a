"""The facilitators' page for one thread: lock, pin, hide, move, merge and split.

Each form posts to its own address and answers with a redirect to the page; a form with
bad input comes back inside the page with the message at the field, nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from tertulia.accounts.permissions import Viewer
from tertulia.core.validators import parse_id
from tertulia.forums import moderation_queries as queries
from tertulia.forums.models import Thread
from tertulia.forums.moderation_forms import MergeForm, MoveForm, ReasonForm, SplitForm
from tertulia.forums.services.moderation_restructure import merge_threads, split_thread
from tertulia.forums.services.moderation_threads import (
    hide_thread,
    lock_thread,
    move_thread,
    pin_thread,
    restore_thread,
    unlock_thread,
    unpin_thread,
)


def _add_error(form: forms.Form, error: ValidationError, field: str | None) -> None:
    form.add_error(field if field in form.fields else None, error)


@dataclass(frozen=True)
class _ThreadAction:
    run: Callable[[Viewer, Thread, str], object]
    reason_required: bool
    done: StrOrPromise


_THREAD_ACTIONS = {
    "lock": _ThreadAction(
        lambda a, t, r: lock_thread(a, t, reason=r), False, gettext_lazy("The thread is locked.")
    ),
    "unlock": _ThreadAction(
        lambda a, t, r: unlock_thread(a, t, reason=r),
        False,
        gettext_lazy("The thread is open for replies again."),
    ),
    "pin": _ThreadAction(
        lambda a, t, r: pin_thread(a, t, reason=r), False, gettext_lazy("The thread is pinned.")
    ),
    "unpin": _ThreadAction(
        lambda a, t, r: unpin_thread(a, t, reason=r),
        False,
        gettext_lazy("The thread is no longer pinned."),
    ),
    "hide": _ThreadAction(
        lambda a, t, r: hide_thread(a, t, reason=r), True, gettext_lazy("The thread is hidden.")
    ),
    "restore": _ThreadAction(
        lambda a, t, r: restore_thread(a, t, reason=r),
        False,
        gettext_lazy("The thread is visible again."),
    ),
}


def _thread_page(
    request: HttpRequest,
    page: queries.ThreadModeration,
    bound: dict[str, forms.Form] | None = None,
    chosen_posts: frozenset[int] = frozenset(),
) -> HttpResponse:
    thread = page.thread
    forms_by_name: dict[str, forms.Form] = {
        name: ReasonForm(prefix=name, required=spec.reason_required)
        for name, spec in _THREAD_ACTIONS.items()
    }
    forms_by_name["move"] = MoveForm(prefix="move", forums=page.forums, current=thread.forum_id)
    forms_by_name["merge"] = MergeForm(prefix="merge")
    forms_by_name["split"] = SplitForm(
        prefix="split", forums=page.forums, initial={"forum": thread.forum_id}
    )
    forms_by_name.update(bound or {})
    return render(
        request,
        "forums/moderation_thread.html",
        {
            "thread": thread,
            "page": page,
            "split_page": page.split_page,
            "forms": forms_by_name,
            "chosen_posts": chosen_posts,
        },
    )


def _to_thread_page(thread_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("thread-moderate", kwargs={"thread_id": thread_id}))


def thread_moderate(request: HttpRequest, thread_id: int) -> HttpResponse:
    """The facilitators' tools for one thread."""
    page = queries.thread_to_moderate(request.user, thread_id, split_page=request.GET.get("page"))
    return _thread_page(request, page)


@require_POST
def thread_state(request: HttpRequest, thread_id: int, action: str) -> HttpResponse:
    """Lock, unlock, pin, unpin, hide or restore a thread."""
    spec = _THREAD_ACTIONS.get(action)
    if spec is None:
        raise Http404
    page = queries.thread_to_moderate(request.user, thread_id)
    form = ReasonForm(request.POST, prefix=action, required=spec.reason_required)
    if form.is_valid():
        try:
            spec.run(request.user, page.thread, form.cleaned_data["reason"])
        except ValidationError as error:
            if error.code != "required":
                # The thread changed under the facilitator (already locked, hidden...):
                # the page, reloaded, shows its state and the message says why.
                messages.error(request, " ".join(error.messages))
                return _to_thread_page(thread_id)
            form.add_error("reason", error)
        else:
            messages.success(request, str(spec.done))
            return _to_thread_page(thread_id)
    return _thread_page(request, page, {action: form})


@require_POST
def thread_move(request: HttpRequest, thread_id: int) -> HttpResponse:
    page = queries.thread_to_moderate(request.user, thread_id)
    thread = page.thread
    form = MoveForm(request.POST, prefix="move", forums=page.forums, current=thread.forum_id)
    if form.is_valid():
        try:
            move_thread(
                request.user,
                thread,
                forum_id=form.cleaned_data["forum"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_error(form, error, "reason" if error.code == "required" else "forum")
        else:
            messages.success(request, _("The thread is moved."))
            return _to_thread_page(thread_id)
    return _thread_page(request, page, {"move": form})


@require_POST
def thread_merge(request: HttpRequest, thread_id: int) -> HttpResponse:
    page = queries.thread_to_moderate(request.user, thread_id)
    form = MergeForm(request.POST, prefix="merge")
    if form.is_valid():
        try:
            target = merge_threads(
                request.user,
                page.thread,
                target_id=form.cleaned_data["target"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_error(form, error, "reason" if error.code == "required" else "target")
        else:
            messages.success(
                request,
                _("The posts are now in “%(title)s”.") % {"title": target.title},
            )
            return _to_thread_page(target.pk)
    return _thread_page(request, page, {"merge": form})


@require_POST
def thread_split(request: HttpRequest, thread_id: int) -> HttpResponse:
    page = queries.thread_to_moderate(
        request.user, thread_id, split_page=request.POST.get("split-page")
    )
    form = SplitForm(request.POST, prefix="split", forums=page.forums)
    if form.is_valid():
        data = form.cleaned_data
        try:
            new_thread = split_thread(
                request.user,
                page.thread,
                post_ids=data["posts"],
                title=data["title"],
                forum_id=data["forum"],
                reason=data["reason"],
            )
        except ValidationError as error:
            field = {"required": "reason", "no_posts": "posts"}.get(str(error.code))
            _add_error(form, error, field)
        else:
            messages.success(
                request,
                _("The posts are now in the new thread “%(title)s”.") % {"title": new_thread.title},
            )
            return _to_thread_page(new_thread.pk)
    # Keep the ticks, so a facilitator who mistyped the title need not choose again.
    chosen = frozenset(
        post_id
        for post_id in map(parse_id, request.POST.getlist("split-posts"))
        if post_id is not None
    )
    return _thread_page(request, page, {"split": form}, chosen)


urlpatterns = [
    path("t/<int:thread_id>/moderate/", thread_moderate, name="thread-moderate"),
    path("t/<int:thread_id>/moderate/move/", thread_move, name="thread-move"),
    path("t/<int:thread_id>/moderate/merge/", thread_merge, name="thread-merge"),
    path("t/<int:thread_id>/moderate/split/", thread_split, name="thread-split"),
    path("t/<int:thread_id>/moderate/<slug:action>/", thread_state, name="thread-moderate-action"),
]
