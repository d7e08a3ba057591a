"""Bad translations of a resource are refused with a clear message at the field, and
nothing is saved."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.library.models import DESCRIPTION_MAX, Resource, ResourceTranslation
from tertulia.library.services.translations import add_resource_translation
from tests.library.conftest import page_text
from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource(db: None) -> Resource:
    return make_resource(title="Training manual", description="A practical manual.")


def send(browser: Client, resource: Resource, **data: str) -> tuple[int, str]:
    response = browser.post(f"/resources/{resource.pk}/translations/new/", data)
    return response.status_code, page_text(response)


def assert_at_field(page: str, field: str, message: str) -> None:
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}</li></ul>' in page
    # The field points to its message, for screen readers.
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error"[^>]*id="id_{field}"', page)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "This resource is already described in English: choose another language. If its "
            "description is in fact written in another language, a facilitator can correct "
            "that.",
        ),
        ("sw", "“sw” is not one of the languages of this community."),
        ("", "Choose a language."),
    ],
)
def test_a_wrong_language_is_refused(
    member_client: Client, resource: Resource, language: str, message: str
) -> None:
    status, page = send(
        member_client, resource, language=language, title="Manual", description="Un manual."
    )

    assert status == 200
    assert_at_field(page, "language", message)
    assert "Your translation is not saved yet." in page
    assert not ResourceTranslation.objects.exists()


@pytest.mark.parametrize(
    ("title", "description", "field", "message"),
    [
        ("", "Un manual.", "title", "Translate the title."),
        ("Manual", "  ", "description", "Translate the description too."),
        (
            "Manual",
            "a" * (DESCRIPTION_MAX + 1),
            "description",
            "A description can be at most 20,000 characters long; this one has 20,001.",
        ),
        (
            "x" * 201,
            "Un manual.",
            "title",
            "Keep this under 200 characters; it has 201.",
        ),
    ],
)
def test_missing_or_too_long_texts_are_refused(
    member_client: Client,
    resource: Resource,
    title: str,
    description: str,
    field: str,
    message: str,
) -> None:
    status, page = send(
        member_client, resource, language="es", title=title, description=description
    )

    assert status == 200
    assert_at_field(page, field, message)
    assert not ResourceTranslation.objects.exists()


def test_a_second_translation_into_one_language_is_refused(
    member: Member, facilitator_client: Client, resource: Resource
) -> None:
    add_resource_translation(member, resource, language="es", title="Manual", description="Uno.")

    status, page = send(
        facilitator_client, resource, language="es", title="Otro", description="Otro."
    )

    assert status == 200
    assert_at_field(
        page,
        "language",
        "This resource already has a translation into Spanish. Read it, and ask its "
        "translator or a facilitator if something in it needs changing.",
    )
    assert list(ResourceTranslation.objects.values_list("title", flat=True)) == ["Manual"]


def test_the_language_cannot_become_one_it_is_translated_into(
    member: Member, facilitator_client: Client, resource: Resource
) -> None:
    add_resource_translation(member, resource, language="es", title="Manual", description="Uno.")

    response = facilitator_client.post(
        f"/resources/{resource.pk}/translations/language/", {"language": "es"}
    )

    assert response.status_code == 400
    assert_at_field(
        page_text(response),
        "language",
        "There is a member&#x27;s translation of this resource into Spanish. Delete it first "
        "if the resource itself is described in Spanish.",
    )
    resource.refresh_from_db()
    assert resource.description_language == "en"
