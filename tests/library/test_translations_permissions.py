"""Only members who may see a resource translate it; only its translator and the
facilitators change or delete a translation; refusals change nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.library.models import Resource, ResourceStatus, ResourceTranslation
from tertulia.library.services.translations import add_resource_translation
from tests.factories import make_member
from tests.library.conftest import page_text
from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db


def client_for(member: Member) -> Client:
    browser = Client()
    browser.force_login(member)
    return browser


@pytest.fixture
def resource(db: None) -> Resource:
    return make_resource(title="Training manual", description="A practical manual.")


def test_a_visitor_reads_translations_but_must_sign_in_to_translate(
    client: Client, member: Member, resource: Resource
) -> None:
    add_resource_translation(member, resource, language="es", title="Manual", description="Un.")

    page = page_text(client.get(f"/resources/{resource.pk}/translations/?lang=es"))
    form = client.get(f"/resources/{resource.pk}/translations/new/")
    sent = client.post(
        f"/resources/{resource.pk}/translations/new/",
        {"language": "fr", "title": "Manuel", "description": "Un."},
    )

    assert '<h1 id="resource-title" lang="es">Manual</h1>' in page
    assert "Sign in to translate this resource." in page
    assert form.status_code == sent.status_code == 302
    assert form["Location"].startswith("/accounts/login/")
    assert list(ResourceTranslation.objects.values_list("language", flat=True)) == ["es"]


@pytest.mark.parametrize("status", [ResourceStatus.PENDING, ResourceStatus.DECLINED])
def test_a_member_cannot_translate_a_resource_they_cannot_see(
    member_client: Client, status: str
) -> None:
    hidden = make_resource(status=status, title="Someone's suggestion", decline_reason="No.")

    reading = member_client.get(f"/resources/{hidden.pk}/translations/")
    sent = member_client.post(
        f"/resources/{hidden.pk}/translations/new/",
        {"language": "es", "title": "Sugerencia", "description": "Un."},
    )

    assert reading.status_code == sent.status_code == 404
    assert "Someone" not in page_text(reading)
    assert not ResourceTranslation.objects.exists()


def test_the_submitter_may_translate_their_suggestion_while_it_waits(member: Member) -> None:
    mine = make_resource(status=ResourceStatus.PENDING, submitted_by=member, title="Mine")

    response = client_for(member).post(
        f"/resources/{mine.pk}/translations/new/",
        {"language": "es", "title": "Mío", "description": "Un manual práctico."},
    )

    assert response.status_code == 302
    assert ResourceTranslation.objects.filter(resource=mine).exists()


def test_someone_else_cannot_edit_or_delete_a_translation(
    member: Member, resource: Resource
) -> None:
    add_resource_translation(member, resource, language="es", title="Manual", description="Un.")
    stranger = client_for(make_member())

    page = page_text(stranger.get(f"/resources/{resource.pk}/translations/?lang=es"))
    edited = stranger.post(
        f"/resources/{resource.pk}/translations/es/edit/",
        {"title": "Otro", "description": "Otro."},
    )
    deleted = stranger.post(f"/resources/{resource.pk}/translations/es/delete/", {"confirm": "1"})

    assert "/translations/es/edit/" not in page
    assert edited.status_code == deleted.status_code == 403
    assert "Only its translator and the facilitators can change a translation." in page_text(edited)
    assert ResourceTranslation.objects.get().title == "Manual"


def test_only_those_who_may_edit_the_resource_correct_its_language(
    member_client: Client, facilitator_client: Client, resource: Resource
) -> None:
    url = f"/resources/{resource.pk}/translations/language/"
    assert f'action="{url}"' not in page_text(
        member_client.get(f"/resources/{resource.pk}/translations/")
    )

    refused = member_client.post(url, {"language": "es"})
    resource.refresh_from_db()
    assert (refused.status_code, resource.description_language) == (403, "en")

    accepted = facilitator_client.post(url, {"language": "es"})
    resource.refresh_from_db()
    assert (accepted.status_code, resource.description_language) == (302, "es")
    assert "now marked as described in Spanish" in page_text(
        facilitator_client.get(accepted["Location"])
    )
