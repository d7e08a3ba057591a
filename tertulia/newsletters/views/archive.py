"""The public archive: sent issues, each in the reader's language or the one they pick."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from tertulia.newsletters import queries
from tertulia.newsletters.permissions import can_manage_newsletter


def _reader_language() -> str:
    return (get_language() or "en").split("-")[0]


@require_GET
def newsletter_archive(request: HttpRequest) -> HttpResponse:
    page, entries = queries.archive_page(_reader_language(), request.GET.get("page"))
    return render(
        request,
        "newsletters/newsletter_archive.html",
        {"page": page, "entries": entries, "can_manage": can_manage_newsletter(request.user)},
    )


def _issue(request: HttpRequest, issue_id: int, language: str, *, exact: bool) -> HttpResponse:
    reading = queries.issue_reading(issue_id, language, exact=exact)
    return render(request, "newsletters/issue_detail.html", {"reading": reading})


@require_GET
def issue_detail(request: HttpRequest, issue_id: int) -> HttpResponse:
    return _issue(request, issue_id, _reader_language(), exact=False)


@require_GET
def issue_edition(request: HttpRequest, issue_id: int, language: str) -> HttpResponse:
    return _issue(request, issue_id, language, exact=True)


urlpatterns = [
    path("", newsletter_archive, name="newsletter-archive"),
    path("<int:issue_id>/", issue_detail, name="newsletter-issue"),
    path("<int:issue_id>/<slug:language>/", issue_edition, name="newsletter-issue-edition"),
]
