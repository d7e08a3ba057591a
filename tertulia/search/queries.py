"""The search page's read: a page of results for what a viewer may see.

Two queries whatever the page shows: one ranks the candidates (see
`backends.base.RANKED_WINDOW`), one fetches the page's rows. Titles and snippets are
built in Python from the stored text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import overload

from django.core.paginator import Page
from django.utils import timezone
from django.utils.safestring import SafeString
from django_stubs_ext import StrOrPromise

from tertulia.accounts.permissions import Viewer
from tertulia.core.languages import language_name
from tertulia.core.pagination import paginate
from tertulia.search import backends
from tertulia.search.backends import Filters, Hit, Ranking
from tertulia.search.highlight import highlight, query_terms, snippet
from tertulia.search.permissions import visible_access
from tertulia.search.query import ParsedQuery, parse_query
from tertulia.search.registry import get_source, sources

RESULTS_PER_PAGE = 20


@dataclass(frozen=True)
class Result:
    kind: str
    type_label: StrOrPromise
    title: SafeString  # escaped, matched words in <mark>
    snippet: SafeString  # escaped, matched words in <mark>
    url: str
    date: datetime
    language: str
    language_name: str


@dataclass(frozen=True)
class SearchRequest:
    """What the search form asked for, already cleaned."""

    text: str = ""
    kind: str = ""
    language: str = ""
    date_from: date | None = None  # inclusive, in the viewer's time zone
    date_to: date | None = None  # inclusive, in the viewer's time zone


def type_choices() -> list[tuple[str, StrOrPromise]]:
    """The kinds of documents registered, for the type filter."""
    return [(source.kind, source.label) for source in sources()]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filters_for(viewer: Viewer, request: SearchRequest) -> Filters:
    return Filters(
        access=visible_access(viewer),
        kinds=(request.kind,) if request.kind else (),
        language=request.language,
        date_from=_start_of(request.date_from) if request.date_from else None,
        date_to=_start_of(request.date_to + timedelta(days=1)) if request.date_to else None,
    )


class Results:
    """The matches of one search, ranked once, fetched a page at a time.

    Shaped for Django's Paginator: `count()` ranks the candidates (one query) and
    slicing fetches that page's rows (one query), whatever the page.
    """

    def __init__(self, query: ParsedQuery, filters: Filters) -> None:
        self.query = query
        self.filters = filters
        self._ranking: Ranking | None = None
        self._terms = query_terms(query)

    @property
    def ranking(self) -> Ranking:
        if self._ranking is None:
            self._ranking = backends.current().rank(self.query, self.filters)
        return self._ranking

    def count(self) -> int:  # Paginator counts through this
        return len(self.ranking.ids)

    @property
    def is_capped(self) -> bool:
        """More documents match than were ranked: the page says "more than"."""
        return self.ranking.capped

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Result: ...

    @overload
    def __getitem__(self, index: slice) -> list[Result]: ...

    def __getitem__(self, index: int | slice) -> Result | list[Result]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self.ranking.ids[index]
        return [self._result(hit) for hit in backends.current().fetch(ids)]

    def _result(self, hit: Hit) -> Result:
        try:
            label: StrOrPromise = get_source(hit.kind).label
        except LookupError:
            label = hit.kind
        if hit.display_title:
            title = highlight(hit.display_title, hit.language, frozenset())
        else:
            title = highlight(hit.title, hit.language, self._terms)
        return Result(
            kind=hit.kind,
            type_label=label,
            title=title,
            snippet=snippet(hit.body, hit.language, self._terms),
            url=hit.url,
            date=hit.date,
            language=hit.language,
            language_name=language_name(hit.language) if hit.language else "",
        )


def search(viewer: Viewer, request: SearchRequest) -> Results:
    """Every match the viewer may see, best first (count and pages fetched lazily)."""
    return Results(parse_query(request.text), filters_for(viewer, request))


def search_page(viewer: Viewer, request: SearchRequest, page_number: str | None) -> Page[Result]:
    """One page of results; a missing or bad page number gives the nearest page."""
    return paginate(search(viewer, request), page_number, RESULTS_PER_PAGE)  # type: ignore[arg-type]  # Paginator takes any sliceable
