"""The language of an event or a series: preselected as the facilitator's interface
language, kept when chosen, detected from the title and description on request, and
refused at its field when unknown."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tertulia.events.models import Event, EventSeries
from tests.events.test_manage_event import event_data
from tests.events.test_manage_series import series_data

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Presupuestos con enfoque de género"
SPANISH = (
    "Leemos juntas tres presupuestos municipales y buscamos dónde se decide la igualdad "
    "entre mujeres y hombres."
)


def text(response: Any) -> str:
    return str(response.content.decode())


@pytest.mark.parametrize("address", ["/events/new/", "/events/series/new/"])
def test_the_forms_preselect_the_interface_language_and_offer_detection(
    facilitator_client: Client, address: str
) -> None:
    page = text(facilitator_client.get(address))

    assert '<option value="">Detect automatically</option>' in page
    assert '<option value="en" selected>English</option>' in page


def test_detect_automatically_finds_spanish(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/events/new/", event_data(title=SPANISH_TITLE, description=SPANISH, language="")
    )

    assert response.status_code == 302
    assert Event.objects.get().language == "es"


def test_a_chosen_language_is_kept(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/events/new/", event_data(title=SPANISH_TITLE, description=SPANISH, language="fr")
    )

    assert response.status_code == 302
    assert Event.objects.get().language == "fr"


def test_an_unknown_language_is_refused_at_its_field(facilitator_client: Client) -> None:
    response = facilitator_client.post("/events/new/", event_data(language="xx"))

    assert response.status_code == 200
    page = text(response)
    assert '<ul class="errorlist" id="id_language_error">' in page
    assert "Select a valid choice. xx is not one of the available choices." in page
    assert not Event.objects.exists()


def test_editing_with_detection_reads_the_new_text(facilitator_client: Client) -> None:
    facilitator_client.post("/events/new/", event_data())
    event = Event.objects.get()

    response = facilitator_client.post(
        f"/events/{event.pk}/edit/",
        event_data(title=SPANISH_TITLE, description=SPANISH, language=""),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.language == "es"


def test_a_series_detects_its_language_for_itself_and_every_date(
    facilitator_client: Client,
) -> None:
    response = facilitator_client.post(
        "/events/series/new/",
        series_data(title=SPANISH_TITLE, description=SPANISH, language=""),
    )

    assert response.status_code == 302
    series = EventSeries.objects.get()
    assert series.languages == ["es"]
    assert set(Event.objects.values_list("language", flat=True)) == {"es"}


def test_a_series_keeps_its_chosen_language_first(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/events/series/new/",
        {**series_data(title=SPANISH_TITLE, description=SPANISH, language="fr"), "languages": "en"},
    )

    assert response.status_code == 302
    assert EventSeries.objects.get().languages == ["fr", "en"]
    assert set(Event.objects.values_list("language", flat=True)) == {"fr"}
