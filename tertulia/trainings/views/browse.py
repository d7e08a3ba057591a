"""Browsing trainings: the tabs (open for applications, starting soon, all, archive),
their filters, and a training's page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tertulia.trainings import queries
from tertulia.trainings.models import TrainingFormat
from tertulia.trainings.permissions import can_review_trainings, can_suggest_training
from tertulia.trainings.queries import CostFilter, Tab, TrainingFilters

_TAB_URLS = {
    Tab.OPEN: "training-list",
    Tab.SOON: "training-soon",
    Tab.ALL: "training-all",
    Tab.ARCHIVE: "training-archive",
}


def _filters(request: HttpRequest) -> TrainingFilters:
    return TrainingFilters(
        format=request.GET.get("format", "")[:20],
        language=request.GET.get("language", "")[:8],
        theme=request.GET.get("theme", "")[:80],
        cost=request.GET.get("cost", "")[:8],
    )


def _query_string(filters: TrainingFilters) -> str:
    pairs = {
        "format": filters.format,
        "language": filters.language,
        "theme": filters.theme,
        "cost": filters.cost,
    }
    return urlencode({key: value for key, value in pairs.items() if value})


def _tab_page(request: HttpRequest, tab: Tab) -> HttpResponse:
    filters = _filters(request)
    data = queries.training_list(tab, filters, request.GET.get("page"))
    return render(
        request,
        "trainings/training_list.html",
        {
            "data": data,
            "page": data.page,
            "tab": tab.value,
            "tab_url_name": _TAB_URLS[tab],
            "query_string": _query_string(filters),
            "formats": TrainingFormat.choices,
            "costs": [
                (CostFilter.FREE.value, _("Free")),
                (CostFilter.PAID.value, pgettext("cost", "Paid")),
            ],
            "can_suggest": can_suggest_training(request.user),
            "can_review": can_review_trainings(request.user),
        },
    )


def training_list(request: HttpRequest) -> HttpResponse:
    return _tab_page(request, Tab.OPEN)


def training_soon(request: HttpRequest) -> HttpResponse:
    return _tab_page(request, Tab.SOON)


def training_all(request: HttpRequest) -> HttpResponse:
    return _tab_page(request, Tab.ALL)


def training_archive(request: HttpRequest) -> HttpResponse:
    return _tab_page(request, Tab.ARCHIVE)


def training_detail(request: HttpRequest, training_id: int, slug: str = "") -> HttpResponse:
    data = queries.training_detail(request.user, training_id)
    if slug != data.training.slug:
        return redirect(
            "training-detail", training_id=data.training.pk, slug=data.training.slug, permanent=True
        )
    return render(
        request, "trainings/training_detail.html", {"data": data, "training": data.training}
    )


urlpatterns = [
    path("", training_list, name="training-list"),
    path("soon/", training_soon, name="training-soon"),
    path("all/", training_all, name="training-all"),
    path("archive/", training_archive, name="training-archive"),
    path("<int:training_id>/", training_detail, name="training-detail-short"),
]

# Last: "<id>/<slug>/" would otherwise answer for "<id>/edit/" and the other actions.
detail_urlpatterns = [
    path("<int:training_id>/<str:slug>/", training_detail, name="training-detail"),
]
