"""The archive of past dialogues: filtered by year, language and theme, paginated."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tertulia.core.models import Theme
from tertulia.dialogues.models import Dialogue
from tests.dialogues.factories import make_dialogue
from tests.dialogues.pages import open_dialogue

pytestmark = pytest.mark.django_db


def past(number: int, year: int, languages: list[str], theme: Theme | None = None) -> Dialogue:
    dialogue = make_dialogue(
        number=number,
        title=f"Past dialogue {number}",
        opens_on=date(year, 4, 24),
        closes_on=date(year, 5, 14),
        languages=languages,
    )
    if theme is not None:
        dialogue.themes.add(theme)
    return dialogue


@pytest.fixture
def archive(db: None) -> dict[str, Theme]:
    evaluation = Theme.objects.create(slug="evaluation", name_en="Evaluation")
    care = Theme.objects.create(slug="care-economy", name_en="Care economy")
    past(8, 2016, ["en"], evaluation)
    past(9, 2016, ["es", "en"], care)
    past(10, 2017, ["en", "fr"], evaluation)
    open_dialogue(number=11)
    return {"evaluation": evaluation, "care": care}


def titles(client: Client, query: str = "") -> list[str]:
    page = client.get(f"/dialogues/archive/{query}").content.decode()
    return [number for number in ("8", "9", "10", "11") if f"Past dialogue {number}<" in page]


def test_only_closed_dialogues_are_in_the_archive_newest_first(
    client: Client, archive: dict[str, Theme]
) -> None:
    page = client.get("/dialogues/archive/").content.decode()

    assert "3 past dialogues" in page
    assert page.index("Past dialogue 10") < page.index("Past dialogue 9")
    assert "Dialogue number 11" not in page


def test_filters_by_year_language_and_theme(client: Client, archive: dict[str, Theme]) -> None:
    assert titles(client, "?year=2016") == ["8", "9"]
    assert titles(client, "?language=fr") == ["10"]
    assert titles(client, "?language=es") == ["9"]
    assert titles(client, "?theme=evaluation") == ["8", "10"]
    assert titles(client, "?year=2016&theme=evaluation&language=en") == ["8"]


def test_bad_filters_are_ignored_never_an_error(client: Client, archive: dict[str, Theme]) -> None:
    response = client.get("/dialogues/archive/?year=abc&language=%22%3E&theme=%3Cx%3E&page=-4")

    assert response.status_code == 200
    assert titles(client, "?year=abc&language=zz") == ["8", "9", "10"]
    # "²" is a digit to str.isdigit() but not to int().
    assert client.get("/dialogues/archive/?year=%C2%B2").status_code == 200
    assert titles(client, "?year=" + "9" * 5000) == ["8", "9", "10"]


def test_the_filter_form_offers_the_years_and_themes_of_past_dialogues(
    client: Client, archive: dict[str, Theme]
) -> None:
    page = client.get("/dialogues/archive/").content.decode()

    assert '<option value="2017">' in page
    assert '<option value="2016">' in page
    assert '<option value="care-economy">Care economy</option>' in page


def test_the_archive_is_paginated_keeping_the_filters(client: Client) -> None:
    for number in range(1, 16):
        past(number, 2015, ["en"])

    first = client.get("/dialogues/archive/?year=2015").content.decode()
    second = client.get("/dialogues/archive/?year=2015&page=2").content.decode()

    assert "Page 1 of 2" in first
    assert "?year=2015&amp;page=2" in first
    assert "Past dialogue 3<" in second
    assert "Past dialogue 15<" not in second


@pytest.mark.parametrize("count", [2, 10])
def test_the_query_count_does_not_grow_with_dialogues(
    count: int, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    theme = Theme.objects.create(slug="evaluation", name_en="Evaluation")
    for number in range(count):
        past(number + 1, 2010 + number, ["en", "es"], theme)
    client.get("/")  # warm the site settings cache

    with django_assert_num_queries(5):
        client.get("/dialogues/archive/?language=en")
