"""The language of a training's description: preselected as the member's interface
language, kept when chosen, detected from the title and description on request, and
refused at its field when it is not one of the community's languages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.trainings.models import Training
from tertulia.trainings.services.trainings import suggest_training
from tests.factories import make_member
from tests.trainings.conftest import page_text
from tests.trainings.factories import details, form_data

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Evaluación con enfoque de género"
SPANISH = (
    "Cómo gestionar una evaluación con enfoque de género: preguntas, métodos y la "
    "participación de las mujeres en cada etapa."
)


def test_the_form_preselects_the_interface_language_and_offers_detection() -> None:
    browser = Client()
    browser.force_login(make_member(interface_language="fr"))

    page = page_text(browser.get("/trainings/suggest/"))

    # The page is in French, as the member reads the site.
    assert '<option value="fr" selected>' in page
    assert '<option value="">Détection automatique</option>' in page


def test_detect_automatically_finds_spanish(member_client: Client) -> None:
    response = member_client.post(
        "/trainings/suggest/",
        form_data(title=SPANISH_TITLE, description=SPANISH, language=""),
    )

    assert response.status_code == 302
    assert Training.objects.get().language == "es"


def test_a_chosen_language_is_kept(member_client: Client) -> None:
    response = member_client.post(
        "/trainings/suggest/",
        form_data(title=SPANISH_TITLE, description=SPANISH, language="pt"),
    )

    assert response.status_code == 302
    assert Training.objects.get().language == "pt"


def test_an_unknown_language_is_refused_at_its_field(member_client: Client) -> None:
    response = member_client.post("/trainings/suggest/", form_data(language="de"))

    assert response.status_code == 200
    page = page_text(response)
    assert '<ul class="errorlist" id="id_language_error">' in page
    assert "Select a valid choice. de is not one of the available choices." in page
    assert not Training.objects.exists()


def test_the_service_detects_without_a_language_and_names_a_wrong_one(member: Member) -> None:
    training = suggest_training(
        member, details(title=SPANISH_TITLE, description=SPANISH, language="")
    )
    assert training.language == "es"

    with pytest.raises(ValidationError) as refused:
        suggest_training(member, details(title="Another one", language="xx"))
    assert refused.value.message_dict["language"] == [
        "“xx” is not one of the languages of this community. Choose the language the "
        "description is written in, or have it detected."
    ]
