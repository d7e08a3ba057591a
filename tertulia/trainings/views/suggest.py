"""Suggesting a training, and editing one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.timezones import is_valid_zone
from tertulia.trainings import queries
from tertulia.trainings.forms import LinkThreadForm, StartDiscussionForm, TrainingForm, initial_for
from tertulia.trainings.models import Training, TrainingStatus
from tertulia.trainings.permissions import (
    can_manage_discussion,
    can_review_trainings,
    check_edit_training,
    check_suggest_training,
)
from tertulia.trainings.services import trainings


def member_of(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user


def detail_redirect(training: Training) -> HttpResponse:
    return redirect("training-detail", training_id=training.pk, slug=training.slug)


@login_required
def training_suggest(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    check_suggest_training(member)
    can_publish = can_review_trainings(member)
    zone = member.time_zone if is_valid_zone(member.time_zone) else "UTC"
    form = TrainingForm(
        request.POST or None,
        can_publish=can_publish,
        initial={"time_zone": zone, "language": member.interface_language},
    )
    if request.method == "POST" and form.is_valid():
        publish = can_publish and bool(form.cleaned_data.get("publish"))
        try:
            training = trainings.suggest_training(member, form.to_details(), publish=publish)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if training.status == TrainingStatus.PUBLISHED:
                messages.success(request, _("The training is published."))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! Your suggestion waits for a facilitator; you will get an "
                        "email when it is published or declined."
                    ),
                )
            return detail_redirect(training)
    return render(
        request,
        "trainings/training_suggest.html",
        {"form": form, "suggestions": queries.suggestions_by(member)},
    )


@login_required
def training_edit(request: HttpRequest, training_id: int) -> HttpResponse:
    member = member_of(request)
    training = queries.training_for_edit(member, training_id)
    check_edit_training(member, training)
    form = TrainingForm(request.POST or None, initial=initial_for(training))
    if request.method == "POST" and form.is_valid():
        try:
            trainings.update_training(member, training, form.to_details())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return detail_redirect(training)
    discussion = can_manage_discussion(member)
    return render(
        request,
        "trainings/training_edit.html",
        {
            "form": form,
            "training": training,
            "link_form": LinkThreadForm() if discussion else None,
            "start_form": StartDiscussionForm() if discussion else None,
        },
    )


urlpatterns = [
    path("suggest/", training_suggest, name="training-suggest"),
    path("<int:training_id>/edit/", training_edit, name="training-edit"),
]
