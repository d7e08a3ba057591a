"""A word finds its other forms in English, Spanish and French, whatever the query language."""

from __future__ import annotations

import pytest

from tests.search.conftest import document, index, urls

pytestmark = pytest.mark.django_db


def test_english_plural_finds_singular_and_back() -> None:
    index(document(1, title="A training for trainers", language="en"))
    assert urls("trainings") == ["/notes/1/"]
    index(document(2, body="Three new trainings this year", language="en"))
    assert set(urls("training")) == {"/notes/1/", "/notes/2/"}


def test_spanish_plural_finds_accented_singular() -> None:
    index(document(1, title="Capacitación en presupuestos", language="es"))
    assert urls("capacitaciones") == ["/notes/1/"]
    assert urls("capacitacion") == ["/notes/1/"]


def test_french_forms_meet_on_one_stem() -> None:
    index(document(1, body="Comment évaluer une formation ?", language="fr"))
    assert urls("évaluations") == ["/notes/1/"]
    assert urls("formations") == ["/notes/1/"]


def test_content_in_another_language_is_matched_word_for_word() -> None:
    index(document(1, body="Mafunzo ya usawa wa kijinsia", language="sw"))
    assert urls("kijinsia") == ["/notes/1/"]
    assert urls("kijinsi") == []


def test_non_latin_scripts_are_found() -> None:
    index(
        document(1, title="التدريب على المساواة بين الجنسين", language="ar"),
        document(2, title="ジェンダー 平等 研修", language="ja"),
        document(3, title="Тренинг по гендерному равенству", language="ru"),
    )
    assert urls("المساواة") == ["/notes/1/"]
    assert urls("研修") == ["/notes/2/"]
    assert urls("тренинг") == ["/notes/3/"]
