"""Searching ignores accents and case, in the text and in the query."""

from __future__ import annotations

import pytest

from tests.search.conftest import document, index, urls

pytestmark = pytest.mark.django_db


def test_query_without_accents_finds_accented_text() -> None:
    index(document(1, title="Formación feminista para formadoras", language="es"))
    assert urls("formacion feminista") == ["/notes/1/"]


def test_accented_query_finds_text_without_accents() -> None:
    index(document(1, body="Evaluation of the training sessions", language="en"))
    assert urls("ÉVALUATION") == ["/notes/1/"]


def test_case_and_accents_ignored_in_french_and_other_languages() -> None:
    index(
        document(1, title="L'ÉCOLE DE POLICE", language="fr"),
        document(2, body="Ação afirmativa nas escolas", language="pt"),
    )
    assert urls("école") == ["/notes/1/"]
    assert urls("acao AFIRMATIVA") == ["/notes/2/"]


def test_unrelated_words_find_nothing() -> None:
    index(document(1, title="Formación feminista", language="es"))
    assert urls("presupuesto") == []
