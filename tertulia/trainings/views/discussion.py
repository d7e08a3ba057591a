"""Linking a training to a discussion thread, or starting one for it (facilitators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.forums.models import Thread
from tertulia.trainings import queries
from tertulia.trainings.forms import LinkThreadForm, StartDiscussionForm, TrainingForm, initial_for
from tertulia.trainings.models import Training
from tertulia.trainings.permissions import check_manage_discussion
from tertulia.trainings.services import discussion
from tertulia.trainings.views.suggest import detail_redirect, member_of


def _training(request: HttpRequest, training_id: int) -> Training:
    member = member_of(request)
    check_manage_discussion(member)
    return queries.training_for_edit(member, training_id)


def _edit_page_with(
    request: HttpRequest,
    training: Training,
    *,
    link_form: LinkThreadForm | None = None,
    start_form: StartDiscussionForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "trainings/training_edit.html",
        {
            "form": TrainingForm(initial=initial_for(training)),
            "training": training,
            "link_form": link_form or LinkThreadForm(),
            "start_form": start_form or StartDiscussionForm(),
        },
        status=400,
    )


@login_required
@require_POST
def training_link_thread(request: HttpRequest, training_id: int) -> HttpResponse:
    training = _training(request, training_id)
    form = LinkThreadForm(request.POST)
    if form.is_valid():
        thread = (
            Thread.objects.select_related("forum").filter(pk=form.cleaned_data["thread"]).first()
        )
        if thread is None:
            form.add_error("thread", _("There is no thread with this number."))
        else:
            try:
                discussion.link_thread(member_of(request), training, thread)
            except PermissionDenied as refusal:
                form.add_error("thread", str(refusal))
            else:
                messages.success(request, _("The discussion thread is linked."))
                return detail_redirect(training)
    return _edit_page_with(request, training, link_form=form)


@login_required
@require_POST
def training_start_thread(request: HttpRequest, training_id: int) -> HttpResponse:
    training = _training(request, training_id)
    form = StartDiscussionForm(request.POST)
    if form.is_valid():
        try:
            discussion.start_discussion(member_of(request), training, form.cleaned_data["forum"])
        except PermissionDenied as refusal:
            form.add_error("forum", str(refusal))
        except ValidationError as error:
            form.add_error("forum", error.messages)
        else:
            messages.success(request, _("A discussion thread is started and linked."))
            return detail_redirect(training)
    return _edit_page_with(request, training, start_form=form)


@login_required
@require_POST
def training_unlink_thread(request: HttpRequest, training_id: int) -> HttpResponse:
    training = _training(request, training_id)
    discussion.unlink_thread(member_of(request), training)
    messages.success(request, _("The discussion thread is no longer linked."))
    return detail_redirect(training)


urlpatterns = [
    path("<int:training_id>/thread/link/", training_link_thread, name="training-link-thread"),
    path("<int:training_id>/thread/start/", training_start_thread, name="training-start-thread"),
    path("<int:training_id>/thread/unlink/", training_unlink_thread, name="training-unlink-thread"),
]
