"""The library's list page: published resources, filtered by facets, sorted, paginated.

Facets are "disjunctive": values of one facet widen the list (English or Spanish),
facets narrow each other (a video, in Spanish). So each facet's counts apply every
*other* active filter but not its own, and tell how many resources a click would add
or leave. Each facet is one GROUP BY query whatever the number of values; with the
themes, the total and the page, the page costs the same few queries at any size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar
from urllib.parse import urlencode

from django.core.paginator import Page
from django.db.models import Count, OrderBy, Q, QuerySet
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from tertulia.core.languages import SPOKEN_LANGUAGE_CODES, language_name
from tertulia.core.models import Theme
from tertulia.core.pagination import paginate
from tertulia.library.models import Resource, ResourceKind, ResourceLanguage, ResourceStatus

RESOURCES_PER_PAGE = 20
# Enough for any real choice; a crafted URL with thousands of values is cut short.
MAX_VALUES_PER_FACET = 20

SORTS: dict[str, tuple[Promise, tuple[str | OrderBy, ...]]] = {
    "newest": (gettext_lazy("Newest"), ("-published_at",)),
    "title": (pgettext_lazy("sort order", "Title"), (Lower("title").asc(),)),
    "downloads": (gettext_lazy("Most downloaded"), ("-download_count", "-published_at")),
}
DEFAULT_SORT = "newest"

ThemeThrough = Resource.themes.through


@dataclass(frozen=True)
class Filters:
    """What the visitor asked for in the query string, checked and normalised."""

    kinds: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()  # slugs
    languages: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    sort: str = DEFAULT_SORT

    @property
    def is_filtered(self) -> bool:
        return bool(self.kinds or self.themes or self.languages or self.years)

    def params(self) -> list[tuple[str, str]]:
        pairs = [("type", kind) for kind in self.kinds]
        pairs += [("theme", slug) for slug in self.themes]
        pairs += [("language", code) for code in self.languages]
        pairs += [("year", str(year)) for year in self.years]
        if self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        return pairs

    def query_string(self) -> str:
        return urlencode(self.params())

    def toggled(self, facet: str, value: str) -> Filters:
        """These filters with one value added, or removed if it was there."""
        if facet == "year":
            return replace(self, years=_toggle(self.years, int(value)))
        if facet == "type":
            return replace(self, kinds=_toggle(self.kinds, value))
        if facet == "theme":
            return replace(self, themes=_toggle(self.themes, value))
        return replace(self, languages=_toggle(self.languages, value))

    def without_facets(self) -> Filters:
        return Filters(sort=self.sort)


T = TypeVar("T", str, int)


def _toggle(values: tuple[T, ...], value: T) -> tuple[T, ...]:
    kept = [v for v in values if v != value]
    if len(kept) == len(values):
        kept.append(value)
    return tuple(kept)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    kept: list[str] = []
    for value in values:
        if value and value not in kept:
            kept.append(value)
    return tuple(kept[:MAX_VALUES_PER_FACET])


def filters_from(params: QueryDict) -> Filters:
    """Filters from a query string; unknown or malformed values are left out, never an error."""
    kinds = _unique(k for k in params.getlist("type") if k in ResourceKind.values)
    themes = _unique(slug[:80] for slug in params.getlist("theme"))
    languages = _unique(
        code.lower() for code in params.getlist("language") if code.lower() in SPOKEN_LANGUAGE_CODES
    )
    years = tuple(
        int(year)
        for year in _unique(y for y in params.getlist("year") if y.isascii() and y.isdigit())
        if len(year) == 4
    )
    sort = params.get("sort", DEFAULT_SORT)
    return Filters(
        kinds=kinds,
        themes=themes,
        languages=languages,
        years=years,
        sort=sort if sort in SORTS else DEFAULT_SORT,
    )


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    is_selected: bool
    query_string: str  # the list with this value toggled


@dataclass(frozen=True)
class Facet:
    name: str  # the query-string key
    label: str
    values: list[FacetValue] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(value.is_selected for value in self.values)


@dataclass(frozen=True)
class SortChoice:
    value: str
    label: str
    is_selected: bool
    query_string: str


@dataclass
class LibraryPage:
    page: Page[Resource]
    filters: Filters
    facets: list[Facet]
    sorts: list[SortChoice]

    @property
    def query_string(self) -> str:
        """Filters and sort, for the pagination links."""
        return self.filters.query_string()

    @property
    def clear_query_string(self) -> str:
        return self.filters.without_facets().query_string()


def _conditions(filters: Filters, theme_ids: list[int]) -> dict[str, Q]:
    conditions: dict[str, Q] = {}
    if filters.kinds:
        conditions["type"] = Q(kind__in=filters.kinds)
    if filters.themes:
        conditions["theme"] = Q(
            pk__in=ThemeThrough.objects.filter(theme_id__in=theme_ids).values("resource_id")
        )
    if filters.languages:
        conditions["language"] = Q(
            pk__in=ResourceLanguage.objects.filter(code__in=filters.languages).values("resource_id")
        )
    if filters.years:
        conditions["year"] = Q(year__in=filters.years)
    return conditions


def _published(conditions: dict[str, Q], *, leave_out: str = "") -> QuerySet[Resource]:
    resources = Resource.objects.filter(status=ResourceStatus.PUBLISHED)
    for facet, condition in conditions.items():
        if facet != leave_out:
            resources = resources.filter(condition)
    return resources


def _facet(
    name: str,
    label: str,
    filters: Filters,
    counts: dict[str, int],
    labels: dict[str, str],
    selected: Iterable[str],
) -> Facet:
    """Values with a count, plus selected ones with none (so they can be unselected)."""
    chosen = set(selected)
    values = [
        FacetValue(
            value=value,
            label=labels.get(value, value),
            count=counts.get(value, 0),
            is_selected=value in chosen,
            query_string=filters.toggled(name, value).query_string(),
        )
        for value in labels
        if counts.get(value) or value in chosen
    ]
    return Facet(name=name, label=label, values=values)


def _kind_facet(filters: Filters, conditions: dict[str, Q]) -> Facet:
    rows = (
        _published(conditions, leave_out="type")
        .order_by()
        .values("kind")
        .annotate(count=Count("pk"))
    )
    counts = {row["kind"]: row["count"] for row in rows}
    labels = {str(value): str(label) for value, label in ResourceKind.choices}
    return _facet("type", _("Type"), filters, counts, labels, filters.kinds)


def _theme_facet(filters: Filters, conditions: dict[str, Q], themes: list[Theme]) -> Facet:
    rows = (
        ThemeThrough.objects.filter(
            resource_id__in=_published(conditions, leave_out="theme").values("pk")
        )
        .order_by()
        .values("theme_id")
        .annotate(count=Count("resource_id"))
    )
    by_id = {row["theme_id"]: row["count"] for row in rows}
    counts = {theme.slug: by_id.get(theme.pk, 0) for theme in themes}
    labels = {theme.slug: theme.name for theme in sorted(themes, key=lambda t: t.name.casefold())}
    return _facet("theme", _("Theme"), filters, counts, labels, filters.themes)


def _language_facet(filters: Filters, conditions: dict[str, Q]) -> Facet:
    rows = (
        ResourceLanguage.objects.filter(
            resource_id__in=_published(conditions, leave_out="language").values("pk")
        )
        .order_by()
        .values("code")
        .annotate(count=Count("resource_id"))
    )
    counts = {row["code"]: row["count"] for row in rows}
    codes = set(counts) | set(filters.languages)
    # The most common languages first: a long tail of one-resource languages follows.
    ordered = sorted(codes, key=lambda code: (-counts.get(code, 0), language_name(code)))
    labels = {code: language_name(code) for code in ordered}
    return _facet("language", _("Language"), filters, counts, labels, filters.languages)


def _year_facet(filters: Filters, conditions: dict[str, Q]) -> Facet:
    rows = (
        _published(conditions, leave_out="year")
        .filter(year__isnull=False)
        .order_by()
        .values("year")
        .annotate(count=Count("pk"))
    )
    counts = {str(row["year"]): row["count"] for row in rows}
    years = sorted(set(counts) | {str(year) for year in filters.years}, reverse=True)
    labels = {year: year for year in years}
    return _facet("year", _("Year"), filters, counts, labels, [str(year) for year in filters.years])


def library_page(filters: Filters, page_number: str | None) -> LibraryPage:
    """One page of the list, featured resources first, with its facets and sort links."""
    themes = list(Theme.objects.all())
    # A theme that no longer exists (an old bookmark) is dropped, not matched by nothing.
    filters = replace(filters, themes=tuple(t.slug for t in themes if t.slug in filters.themes))
    theme_ids = [theme.pk for theme in themes if theme.slug in filters.themes]
    conditions = _conditions(filters, theme_ids)
    facets = [
        _kind_facet(filters, conditions),
        _theme_facet(filters, conditions, themes),
        _language_facet(filters, conditions),
        _year_facet(filters, conditions),
    ]
    resources = (
        _published(conditions)
        .prefetch_related("themes")
        .order_by("-is_featured", *SORTS[filters.sort][1], "-pk")
    )
    page = paginate(resources, page_number, RESOURCES_PER_PAGE)
    sorts = [
        SortChoice(
            value=value,
            label=str(label),
            is_selected=value == filters.sort,
            query_string=replace(filters, sort=value).query_string(),
        )
        for value, (label, _ordering) in SORTS.items()
    ]
    return LibraryPage(
        page=page,
        filters=filters,
        facets=facets,
        sorts=sorts,
    )
