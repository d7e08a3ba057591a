"""Reading pages: the list with its facets, a resource's page, and its download.

The download goes through Django rather than straight to /media/ so that every one
is counted and served under the member's own file name, with headers that stop a
browser from treating a document as a page.
"""

from __future__ import annotations

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tertulia.accounts.permissions import is_member
from tertulia.forums.views.attachments import content_disposition
from tertulia.library.permissions import can_review_resources, can_submit_resource
from tertulia.library.queries import browse
from tertulia.library.queries import resources as queries
from tertulia.library.services.review import record_download


@require_safe
def resource_list(request: HttpRequest) -> HttpResponse:
    filters = browse.filters_from(request.GET)
    data = browse.library_page(filters, request.GET.get("page"))
    return render(
        request,
        "library/resource_list.html",
        {
            "data": data,
            "page": data.page,
            "query_string": data.query_string,
            "can_submit": can_submit_resource(request.user),
            "can_review": can_review_resources(request.user),
            "my_submissions": queries.my_submissions(request.user)
            if is_member(request.user)
            else [],
        },
    )


@require_safe
def resource_detail(request: HttpRequest, resource_id: int, slug: str) -> HttpResponse:
    data = queries.resource_page(request.user, resource_id)
    if slug != data.resource.slug:
        return redirect("resource-detail", resource_id=resource_id, slug=data.resource.slug)
    return render(request, "library/resource_detail.html", {"data": data, "r": data.resource})


@require_safe
def resource_short(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = queries.resource_for_download(request.user, resource_id)
    return redirect("resource-detail", resource_id=resource.pk, slug=resource.slug)


@require_safe
def resource_download(request: HttpRequest, resource_id: int) -> HttpResponseBase:
    """Count the download, then send the file, or send the member on to the link."""
    resource = queries.resource_for_download(request.user, resource_id)
    if not resource.has_file:
        if request.method == "GET":
            record_download(resource)
        response: HttpResponse = HttpResponseRedirect(resource.url)
        response["Referrer-Policy"] = "no-referrer"
        return response
    try:
        handle = resource.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("This file is no longer stored.")) from None
    if request.method == "GET":
        record_download(resource)
    file_response = FileResponse(handle, content_type=resource.file_content_type)
    file_response["Content-Disposition"] = content_disposition(
        "attachment", str(resource.file_name)
    )
    file_response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser were talked into rendering the file as a page, it runs nothing.
    file_response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    file_response["Cache-Control"] = "private, no-cache"
    return file_response


urlpatterns = [
    path("", resource_list, name="resource-list"),
    path("<int:resource_id>/", resource_short, name="resource-short"),
    path("<int:resource_id>/download/", resource_download, name="resource-download"),
    path("<int:resource_id>/<str:slug>/", resource_detail, name="resource-detail"),
]
