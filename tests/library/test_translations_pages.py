"""A member translates a resource's title and description through the pages, with
JavaScript off: the resource page then shows a language switch, and the translation reads
as a member's translation, named and marked with its language."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.library.models import Resource, ResourceTranslation
from tertulia.library.services.translations import add_resource_translation
from tests.factories import make_facilitator
from tests.library.conftest import page_text
from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db

TITLE = "Manual de formación en igualdad de género"
DESCRIPTION = "Un manual **práctico** para formadoras."


@pytest.fixture
def resource(db: None) -> Resource:
    return make_resource(
        title="Gender equality training manual",
        description="A practical manual for trainers.",
    )


def client_for(member: Member) -> Client:
    browser = Client()
    browser.force_login(member)
    return browser


def translations_url(resource: Resource, language: str = "") -> str:
    url = f"/resources/{resource.pk}/translations/"
    return f"{url}?lang={language}" if language else url


def translate(browser: Client, resource: Resource, **data: str) -> tuple[int, str]:
    response = browser.post(f"/resources/{resource.pk}/translations/new/", data)
    location = response.get("Location", "")
    if response.status_code == 302:
        return 302, location
    return response.status_code, page_text(response)


def test_a_member_adds_a_translation_and_reads_it(
    member_client: Client, member: Member, resource: Resource
) -> None:
    form = page_text(member_client.get(f"/resources/{resource.pk}/translations/new/"))
    assert '<option value="es">' in form
    assert '<option value="en">' not in form  # the resource is described in English

    status, location = translate(
        member_client, resource, language="es", title=TITLE, description=DESCRIPTION
    )

    assert (status, location) == (302, translations_url(resource, "es"))
    page = page_text(member_client.get(location))
    assert f'<h1 id="resource-title" lang="es">{TITLE}</h1>' in page
    assert '<div class="prose" lang="es"><p>Un manual <strong>práctico</strong>' in page
    assert f"A member's translation into Spanish, by {member.display_name}." in page
    assert '<cite lang="en">Gender equality training manual</cite>' in page
    translation = ResourceTranslation.objects.get(resource=resource)
    assert (translation.language, translation.translator) == ("es", member)


def test_the_resource_page_shows_a_language_switch(
    client: Client, member: Member, resource: Resource
) -> None:
    add_resource_translation(member, resource, language="es", title=TITLE, description=DESCRIPTION)

    page = page_text(client.get(f"/resources/{resource.pk}/{resource.slug}/"))

    switch = re.search(r'<nav class="resource-languages meta".*?</nav>', page, re.DOTALL)
    assert switch is not None
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", switch[0])).strip()
    assert text == "Read in: English (original) · Español (member's translation)"
    assert f'href="{translations_url(resource, "es")}" hreflang="es" lang="es"' in switch[0]
    # The switch's link opens the translation without JavaScript.
    assert TITLE in page_text(client.get(translations_url(resource, "es")))


def test_a_resource_without_translations_shows_no_switch(
    client: Client, member_client: Client, resource: Resource
) -> None:
    url = f"/resources/{resource.pk}/{resource.slug}/"

    visitor_page = page_text(client.get(url))
    member_page = page_text(member_client.get(url))

    assert "Read in:" not in visitor_page
    assert "Translate the title and description" not in visitor_page
    assert f'href="/resources/{resource.pk}/translations/new/"' in member_page


def test_the_translator_edits_their_translation(
    member_client: Client, member: Member, resource: Resource
) -> None:
    add_resource_translation(member, resource, language="fr", title="Manuel", description="Un.")
    edit_url = f"/resources/{resource.pk}/translations/fr/edit/"
    form = page_text(member_client.get(edit_url))
    assert 'lang="fr"' in form

    response = member_client.post(
        edit_url, {"title": "Manuel de formation", "description": "Un manuel pratique."}
    )

    assert response.status_code == 302
    page = page_text(member_client.get(response["Location"]))
    assert '<h1 id="resource-title" lang="fr">Manuel de formation</h1>' in page
    assert "(edited" in page


def test_the_translator_deletes_their_translation(
    member_client: Client, member: Member, resource: Resource
) -> None:
    add_resource_translation(member, resource, language="fr", title="Manuel", description="Un.")
    delete_url = f"/resources/{resource.pk}/translations/fr/delete/"
    assert "Delete the translation into French?" in page_text(member_client.get(delete_url))

    response = member_client.post(delete_url, {"confirm": "1"})

    assert response.status_code == 302
    assert not ResourceTranslation.objects.exists()
    assert "Read in:" not in page_text(
        member_client.get(f"/resources/{resource.pk}/{resource.slug}/")
    )


def test_a_facilitator_removes_a_members_translation(member: Member, resource: Resource) -> None:
    add_resource_translation(member, resource, language="fr", title="Spam", description="Spam.")
    facilitator = client_for(make_facilitator())

    facilitator.post(f"/resources/{resource.pk}/translations/fr/delete/", {"confirm": "1"})

    assert not ResourceTranslation.objects.exists()


def test_a_resource_without_description_is_translated_by_its_title(
    member_client: Client,
) -> None:
    resource = make_resource(title="Training videos", description="")

    status, _location = translate(
        member_client, resource, language="es", title="Vídeos de formación", description=""
    )

    assert status == 302
    assert ResourceTranslation.objects.get().title == "Vídeos de formación"
