"""Suggesting a resource and editing one: plain forms, POST and redirect.

A form sent with bad input comes back with each message at its field and nothing saved;
files are not kept between attempts, and the page says so.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.library.forms import ResourceForm
from tertulia.library.permissions import check_edit_resource, check_submit_resource
from tertulia.library.queries.resources import resource_for_edit
from tertulia.library.services.resources import edit_resource, submit_resource


def _member(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user


@login_required
def resource_submit(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    check_submit_resource(member)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = submit_resource(member, **form.service_arguments())
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if resource.is_published:
                messages.success(request, _("The resource is published."))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! A facilitator will look at your suggestion; you will "
                        "receive a mail when it is published."
                    ),
                )
            return redirect("resource-detail", resource_id=resource.pk, slug=resource.slug)
    return render(request, "library/resource_submit.html", {"form": form})


@login_required
def resource_edit(request: HttpRequest, resource_id: int) -> HttpResponse:
    member = _member(request)
    resource = resource_for_edit(member, resource_id)
    check_edit_resource(member, resource)
    form = ResourceForm(request.POST or None, request.FILES or None, resource=resource)
    if request.method == "POST" and form.is_valid():
        try:
            resource = edit_resource(
                member,
                resource,
                remove_cover=bool(form.cleaned_data.get("remove_cover")),
                **form.service_arguments(),
            )
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("resource-detail", resource_id=resource.pk, slug=resource.slug)
    return render(request, "library/resource_edit.html", {"form": form, "r": resource})


urlpatterns = [
    path("submit/", resource_submit, name="resource-submit"),
    path("<int:resource_id>/edit/", resource_edit, name="resource-edit"),
]
