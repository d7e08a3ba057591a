"""Error pages, the accessibility statement and the small files every site serves."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control

from tertulia.core.access import open_to_visitors


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the failure may be in the database they read.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


@open_to_visitors
def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponsePermanentRedirect(staticfiles_storage.url("core/favicon.svg"))


@open_to_visitors
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        "User-agent: *\nDisallow: /accounts/\nDisallow: /admin/\n", content_type="text/plain"
    )


@open_to_visitors
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: the standard aimed for, checks, limits, reporting."""
    return render(request, "core/accessibility.html", {"contact_email": settings.CONTACT_EMAIL})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
