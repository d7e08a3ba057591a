"""The language of a resource's title and description: detected unless whoever suggests
or edits it chooses it, and refused at its field when it is not one of the community's
languages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.library.models import Resource, ResourceStatus
from tertulia.library.services.resources import submit_resource
from tertulia.library.services.translations import add_resource_translation
from tests.library.conftest import form_data, page_text
from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Manual de formación en igualdad de género"
SPANISH = (
    "Un manual práctico para quienes diseñan cursos de igualdad de género, con ejercicios "
    "para talleres presenciales y en línea."
)


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def test_the_suggestion_form_offers_detection_first(member_client: Client) -> None:
    page = page_text(member_client.get("/resources/submit/"))

    assert '<label for="id_description_language">Language of the title and description:' in page
    assert '<option value="" selected>Detect automatically</option>' in page


def test_detect_automatically_finds_spanish(member_client: Client) -> None:
    response = member_client.post(
        "/resources/submit/",
        form_data(title=SPANISH_TITLE, description=SPANISH, description_language=""),
    )

    assert response.status_code == 302
    assert Resource.objects.get().description_language == "es"


def test_a_chosen_language_is_kept(member_client: Client) -> None:
    response = member_client.post(
        "/resources/submit/",
        form_data(title=SPANISH_TITLE, description=SPANISH, description_language="pt"),
    )

    assert response.status_code == 302
    assert Resource.objects.get().description_language == "pt"


def test_an_unknown_language_is_refused_at_its_field(member_client: Client) -> None:
    response = member_client.post("/resources/submit/", form_data(description_language="de"))

    assert response.status_code == 200
    page = page_text(response)
    assert '<ul class="errorlist" id="id_description_language_error">' in page
    assert "Select a valid choice. de is not one of the available choices." in page
    assert "id_description_language_error" in page.split('name="description_language"')[1][:200]
    assert not Resource.objects.exists()


def test_the_edit_form_keeps_a_corrected_language(facilitator: Member) -> None:
    resource = make_resource()
    resource.description_language = "fr"
    resource.save(update_fields=["description_language"])
    browser = signed_in(facilitator)

    page = page_text(browser.get(f"/resources/{resource.pk}/edit/"))
    assert '<option value="fr" selected>French</option>' in page

    response = browser.post(
        f"/resources/{resource.pk}/edit/",
        form_data(title="Manual, second edition", description_language="fr"),
    )

    assert response.status_code == 302
    resource.refresh_from_db()
    assert (resource.title, resource.description_language) == ("Manual, second edition", "fr")


def test_editing_with_detection_reads_the_new_text(facilitator: Member) -> None:
    resource = make_resource(status=ResourceStatus.PENDING)

    response = signed_in(facilitator).post(
        f"/resources/{resource.pk}/edit/",
        form_data(title=SPANISH_TITLE, description=SPANISH, description_language=""),
    )

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.description_language == "es"


def test_a_language_the_resource_is_translated_into_is_refused(
    facilitator: Member, member: Member
) -> None:
    resource = make_resource()
    add_resource_translation(
        member,
        resource,
        language="es",
        title="Manual de formación",
        description="Un manual práctico para formadoras.",
    )

    response = signed_in(facilitator).post(
        f"/resources/{resource.pk}/edit/",
        form_data(title="Manual, second edition", description_language="es"),
    )

    assert response.status_code == 200
    page = page_text(response)
    assert '<ul class="errorlist" id="id_description_language_error"><li>There is a' in page
    resource.refresh_from_db()
    assert (resource.title, resource.description_language) == (
        "Gender equality training manual",
        "en",
    )


def test_the_service_names_the_field_of_an_unknown_language(member: Member) -> None:
    with pytest.raises(ValidationError) as refused:
        submit_resource(
            member,
            title="Manual",
            kind="manual",
            url="https://www.example.org/manual",
            description_language="xx",
        )

    assert refused.value.message_dict == {
        "description_language": ["“xx” is not one of the languages of this community."]
    }
    assert not Resource.objects.exists()


def test_detection_never_lands_on_a_language_the_resource_is_translated_into(
    facilitator: Member, member: Member
) -> None:
    resource = make_resource()
    add_resource_translation(
        member, resource, language="es", title=SPANISH_TITLE, description="Un manual práctico."
    )

    response = signed_in(facilitator).post(
        f"/resources/{resource.pk}/edit/",
        form_data(title=SPANISH_TITLE, description=SPANISH, description_language=""),
    )

    assert response.status_code == 302
    resource.refresh_from_db()
    assert (resource.title, resource.description_language) == (SPANISH_TITLE, "en")
    assert resource.translations.filter(language="es").count() == 1
