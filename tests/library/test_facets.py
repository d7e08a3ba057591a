"""Browsing with facets: each facet's counts apply every other active filter, not its own."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.test import Client

from tertulia.library.models import ResourceStatus
from tertulia.library.queries.browse import LibraryPage, filters_from, library_page
from tests.library.conftest import page_text
from tests.library.factories import make_resource, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def library() -> None:
    intersectionality = make_theme(name="Intersectionality")
    care = make_theme(name="Care economy")
    make_resource(
        title="Alpha manual",
        kind="manual",
        languages=["en", "es"],
        year=2017,
        themes=[intersectionality],
    )
    make_resource(title="Beta manual", kind="manual", languages=["es"], year=2018, themes=[care])
    make_resource(
        title="Gamma video",
        kind="video",
        languages=["en"],
        year=2017,
        themes=[intersectionality, care],
    )
    make_resource(title="Delta report", kind="report", languages=["fr"], year=2017)
    make_resource(
        title="Waiting manual",
        kind="manual",
        languages=["en"],
        year=2017,
        status=ResourceStatus.PENDING,
        themes=[care],
    )
    make_resource(
        title="Declined manual",
        kind="manual",
        languages=["en"],
        year=2017,
        status=ResourceStatus.DECLINED,
        decline_reason="Off topic",
    )


def browse(query: str) -> LibraryPage:
    return library_page(filters_from(QueryDict(query)), None)


def counts(data: LibraryPage, facet: str) -> dict[str, int]:
    [found] = [f for f in data.facets if f.name == facet]
    return {value.value: value.count for value in found.values}


def titles(data: LibraryPage) -> set[str]:
    return {resource.title for resource in data.page.object_list}


def test_without_filters_facets_count_published_resources_only() -> None:
    data = browse("")

    assert titles(data) == {"Alpha manual", "Beta manual", "Gamma video", "Delta report"}
    assert counts(data, "type") == {"manual": 2, "video": 1, "report": 1}
    assert counts(data, "theme") == {"intersectionality": 2, "care-economy": 2}
    assert counts(data, "language") == {"en": 2, "es": 2, "fr": 1}
    assert counts(data, "year") == {"2017": 3, "2018": 1}


def test_one_filter_narrows_the_other_facets_but_not_its_own() -> None:
    data = browse("type=manual")

    assert titles(data) == {"Alpha manual", "Beta manual"}
    assert counts(data, "type") == {"manual": 2, "video": 1, "report": 1}
    assert counts(data, "language") == {"en": 1, "es": 2}
    assert counts(data, "year") == {"2017": 1, "2018": 1}
    assert counts(data, "theme") == {"intersectionality": 1, "care-economy": 1}


def test_filters_combine_across_facets() -> None:
    data = browse("type=manual&language=en")

    assert titles(data) == {"Alpha manual"}
    assert counts(data, "type") == {"manual": 1, "video": 1}  # every English resource
    assert counts(data, "language") == {"en": 1, "es": 2}  # every manual
    assert counts(data, "year") == {"2017": 1}
    assert counts(data, "theme") == {"intersectionality": 1}


def test_values_of_one_facet_widen_the_list() -> None:
    data = browse("type=manual&type=video&theme=care-economy")

    assert titles(data) == {"Beta manual", "Gamma video"}
    assert counts(data, "theme") == {"intersectionality": 2, "care-economy": 2}
    assert counts(data, "type") == {"manual": 1, "video": 1}


def test_a_selected_value_with_no_match_stays_listed_to_be_removed() -> None:
    data = browse("year=2018&language=fr")

    assert titles(data) == set()
    assert counts(data, "year") == {"2017": 1, "2018": 0}
    assert counts(data, "language") == {"es": 1, "fr": 0}


def test_facet_links_toggle_their_value_and_keep_the_others(client: Client) -> None:
    body = page_text(client.get("/resources/?type=manual&year=2017"))

    assert 'href="?year=2017"' in body  # unselect "manual"
    assert 'href="?type=manual&amp;type=video&amp;year=2017"' in body
    assert 'href="?type=manual&amp;language=es&amp;year=2017"' in body
    assert 'href="?sort=title"' not in body
    assert 'href="?type=manual&amp;year=2017&amp;sort=title"' in body
    assert "Alpha manual" in body
    assert "Beta manual" not in body
    assert "Waiting manual" not in body


def test_malformed_filters_are_ignored_never_an_error(client: Client) -> None:
    response = client.get(
        "/resources/?type=bogus&year=20x7&year=99999&language=%3Cscript%3E&theme=gone"
        "&sort=%27%3B+DROP+TABLE&page=-3"
    )

    assert response.status_code == 200
    body = page_text(response)
    assert "4 resources" in body
    assert "<script>" not in body.split("<main")[1]
