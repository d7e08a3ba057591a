"""The facilitators' queue and their actions on one resource: publish, decline, feature.

Every action is a POST form that works without JavaScript and answers with a redirect
back where the facilitator was (when `next` is a local address). Visitors and members
get the 403 page with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.accounts.models import Member
from tertulia.core.redirects import safe_next
from tertulia.library.forms import DeclineForm
from tertulia.library.models import Resource
from tertulia.library.permissions import check_review_resources
from tertulia.library.queries.resources import resource_for_download, review_queue
from tertulia.library.services.review import (
    approve_resource,
    decline_resource,
    set_featured,
)


def _detail_url(resource: Resource) -> str:
    return reverse("resource-detail", kwargs={"resource_id": resource.pk, "slug": resource.slug})


def _reviewer(request: HttpRequest) -> Member:
    check_review_resources(request.user)
    assert isinstance(request.user, Member)  # noqa: S101  # facilitators are members
    return request.user


def resource_queue(request: HttpRequest) -> HttpResponse:
    queue = review_queue(request.user, request.GET.get("page"))
    return render(
        request,
        "library/resource_queue.html",
        {"queue": queue, "page": queue.pending, "decline_form": DeclineForm()},
    )


@require_POST
def resource_approve(request: HttpRequest, resource_id: int) -> HttpResponse:
    reviewer = _reviewer(request)
    resource = approve_resource(reviewer, resource_for_download(reviewer, resource_id))
    messages.success(request, _("“%(title)s” is published.") % {"title": resource.title})
    return HttpResponseRedirect(safe_next(request, _detail_url(resource)))


def resource_decline(request: HttpRequest, resource_id: int) -> HttpResponse:
    """The reason form (a page of its own without JavaScript), then the decision."""
    reviewer = _reviewer(request)
    resource = resource_for_download(reviewer, resource_id)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = decline_resource(reviewer, resource, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error.message_dict.get("reason", error.messages))
        else:
            messages.success(
                request,
                _("“%(title)s” is declined; its submitter is told why.")
                % {"title": resource.title},
            )
            return HttpResponseRedirect(safe_next(request, reverse("resource-queue")))
    return render(
        request,
        "library/resource_decline.html",
        {"r": resource, "form": form, "next": safe_next(request, "")},
    )


@require_POST
def resource_feature(request: HttpRequest, resource_id: int) -> HttpResponse:
    reviewer = _reviewer(request)
    resource = resource_for_download(reviewer, resource_id)
    featured = request.POST.get("featured") == "1"
    try:
        resource = set_featured(reviewer, resource, featured=featured)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if featured:
            messages.success(request, _("“%(title)s” is featured.") % {"title": resource.title})
        else:
            messages.success(
                request, _("“%(title)s” is no longer featured.") % {"title": resource.title}
            )
    return HttpResponseRedirect(safe_next(request, _detail_url(resource)))


urlpatterns = [
    path("queue/", resource_queue, name="resource-queue"),
    path("<int:resource_id>/approve/", resource_approve, name="resource-approve"),
    path("<int:resource_id>/decline/", resource_decline, name="resource-decline"),
    path("<int:resource_id>/feature/", resource_feature, name="resource-feature"),
]
