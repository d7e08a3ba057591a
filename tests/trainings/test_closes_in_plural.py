""" "closes in N days" in English, Spanish and French, with each language's plural forms."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from tertulia.trainings.states import closes_in_label
from tests.factories import make_member
from tests.trainings.factories import make_training


@pytest.mark.parametrize(
    ("language", "days", "label"),
    [
        ("en", 0, "closes today"),
        ("en", 1, "closes in 1 day"),
        ("en", 2, "closes in 2 days"),
        ("es", 0, "cierra hoy"),
        ("es", 1, "cierra en 1 día"),
        ("es", 5, "cierra en 5 días"),
        ("fr", 0, "clôture aujourd\u2019hui"),
        ("fr", 1, "clôture dans 1 jour"),
        ("fr", 21, "clôture dans 21 jours"),
    ],
)
def test_closes_in_label(language: str, days: int, label: str) -> None:
    with translation.override(language):
        assert closes_in_label(days) == label


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)
def test_the_list_says_it_in_the_members_language() -> None:
    make_training(
        title="Genre et développement",
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 7, 14),
        deadline_on=date(2026, 6, 4),
        time_zone="Africa/Dakar",
    )
    client = Client()
    client.force_login(make_member(interface_language="fr"))

    body = client.get("/trainings/").content.decode()

    assert "Clôture dans 3 jours" in body
    assert "Ouvertes aux candidatures" in body


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=UTC), tick=False)
def test_the_training_page_says_it_in_the_members_language() -> None:
    training = make_training(
        title="Economía del cuidado",
        starts_on=date(2026, 7, 1),
        ends_on=date(2026, 7, 14),
        deadline_on=date(2026, 6, 2),
        time_zone="America/Santiago",
    )
    client = Client()
    client.force_login(make_member(interface_language="es"))

    body = client.get(f"/trainings/{training.pk}/{training.slug}/").content.decode()

    assert "Inscripciones abiertas: cierra en 1 día" in body
