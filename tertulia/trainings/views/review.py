"""The facilitators' queue of suggested trainings: publish, decline with a reason, edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.trainings import queries
from tertulia.trainings.forms import DeclineForm
from tertulia.trainings.models import Training
from tertulia.trainings.permissions import check_review_trainings
from tertulia.trainings.services import review
from tertulia.trainings.views.suggest import member_of


@login_required
def training_queue(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    page = queries.review_queue(member, request.GET.get("page"))
    return render(
        request,
        "trainings/training_queue.html",
        {
            "page": page,
            "declined": queries.recently_declined(member),
            "decline_form": DeclineForm(),
        },
    )


@login_required
@require_POST
def training_publish(request: HttpRequest, training_id: int) -> HttpResponse:
    member = member_of(request)
    check_review_trainings(member)
    training = get_object_or_404(Training, pk=training_id)
    review.publish_training(member, training)
    messages.success(request, _("“%(title)s” is published.") % {"title": training.title})
    return redirect("training-queue")


@login_required
def training_decline(request: HttpRequest, training_id: int) -> HttpResponse:
    member = member_of(request)
    check_review_trainings(member)
    training = get_object_or_404(Training.objects.select_related("suggested_by"), pk=training_id)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review.decline_training(member, training, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is declined; the member who suggested it is told why.")
                % {"title": training.title},
            )
            return redirect("training-queue")
    status = 400 if form.errors else 200
    return render(
        request,
        "trainings/training_decline.html",
        {"training": training, "form": form},
        status=status,
    )


urlpatterns = [
    path("queue/", training_queue, name="training-queue"),
    path("<int:training_id>/publish/", training_publish, name="training-publish"),
    path("<int:training_id>/decline/", training_decline, name="training-decline"),
]
