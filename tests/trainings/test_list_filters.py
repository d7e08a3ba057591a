"""Filters on every tab: format, language, theme, free or paid."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from tertulia.trainings.models import TrainingFormat
from tests.trainings.conftest import page_text
from tests.trainings.factories import make_theme, make_training

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainings() -> None:
    care = make_theme(slug="care-economy", name_en="Care economy", name_es="Economía del cuidado")
    make_training(
        title="Online in Spanish",
        format=TrainingFormat.SELF_PACED,
        languages=["es"],
        themes=[care],
    )
    make_training(
        title="Workshop in Dakar",
        format=TrainingFormat.FACE_TO_FACE,
        location="Dakar, Senegal",
        languages=["fr", "en"],
        cost_amount=Decimal("150000"),
        currency="XOF",
    )
    make_training(
        title="Blended in English",
        format=TrainingFormat.BLENDED,
        location="Nairobi, Kenya",
        languages=["en"],
        cost_amount=Decimal("450"),
        currency="USD",
    )


TITLES = ("Online in Spanish", "Workshop in Dakar", "Blended in English")


def _shown(client: Client, query: str) -> set[str]:
    body = page_text(client.get(f"/trainings/all/?{query}"))
    return {title for title in TITLES if f">{title}</a>" in body}


def test_filter_by_format(client: Client, trainings: None) -> None:
    assert _shown(client, "format=face_to_face") == {"Workshop in Dakar"}


def test_filter_by_language(client: Client, trainings: None) -> None:
    assert _shown(client, "language=en") == {"Workshop in Dakar", "Blended in English"}
    assert _shown(client, "language=es") == {"Online in Spanish"}


def test_filter_by_theme(client: Client, trainings: None) -> None:
    assert _shown(client, "theme=care-economy") == {"Online in Spanish"}


def test_filter_by_cost(client: Client, trainings: None) -> None:
    assert _shown(client, "cost=free") == {"Online in Spanish"}
    assert _shown(client, "cost=paid") == {"Workshop in Dakar", "Blended in English"}


def test_filters_combine(client: Client, trainings: None) -> None:
    assert _shown(client, "cost=paid&language=fr") == {"Workshop in Dakar"}


def test_unknown_filter_values_are_ignored(client: Client, trainings: None) -> None:
    response = client.get("/trainings/all/?format=zeppelin&cost=%27;DROP&language=%22*&theme=x")

    assert response.status_code == 200
    assert _shown(client, "format=zeppelin&cost=maybe") == set(TITLES)


def test_the_filter_form_offers_the_languages_in_use_and_keeps_the_choice(
    client: Client, trainings: None
) -> None:
    body = page_text(client.get("/trainings/all/?language=fr"))

    assert '<option value="fr" selected>French</option>' in body
    assert '<option value="es">Spanish</option>' in body
    assert '<option value="de">' not in body


def test_tabs_keep_the_filters(client: Client, trainings: None) -> None:
    body = page_text(client.get("/trainings/?cost=free"))

    assert 'href="/trainings/archive/?cost=free"' in body
