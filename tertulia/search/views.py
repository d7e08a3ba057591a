"""The search page: one box over everything the viewer may see."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from tertulia.search.forms import SearchForm
from tertulia.search.queries import search_page
from tertulia.search.query import parse_query


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, object] = {"form": form, "searched": False, "no_words": False}
    if form.is_bound and form.is_valid():
        wanted = form.search_request()
        query = parse_query(wanted.text)
        context["query"] = query
        # Typed something, but only punctuation or symbols: say so rather than hint.
        context["no_words"] = bool(wanted.text) and query.is_empty
        if not query.is_empty:
            context["searched"] = True
            context["page"] = search_page(request.user, wanted, request.GET.get("page"))
            params = request.GET.copy()
            params.pop("page", None)
            context["query_string"] = params.urlencode()
    return render(request, "search/search.html", context)


urlpatterns = [path("", search, name="search")]
