"""A resource is found by the titles and descriptions members translated it into, and no
longer once a translation is deleted."""

from __future__ import annotations

import pytest

from tertulia.accounts.models import Member
from tertulia.library.search_documents import ResourceSource
from tertulia.library.services.translations import (
    add_resource_translation,
    delete_resource_translation,
    edit_resource_translation,
)
from tests.library.factories import make_resource
from tests.search.conftest import urls

pytestmark = pytest.mark.django_db


def test_a_translated_resource_is_found_in_the_translations_words(member: Member) -> None:
    resource = make_resource(title="Training manual", description="A practical manual.")
    url = f"/resources/{resource.pk}/{resource.slug}/"

    translation = add_resource_translation(
        member, resource, language="fr", title="Manuel", description="Un guide pratique."
    )
    assert urls("guide") == [url]
    assert urls("manuel") == [url]

    edit_resource_translation(member, translation, title="Manuel", description="Un recueil.")
    assert urls("guide") == []
    assert urls("recueil") == [url]

    delete_resource_translation(member, translation)
    assert urls("recueil") == []


def test_a_full_reindex_carries_the_translations(member: Member) -> None:
    resource = make_resource(title="Training manual", description="A practical manual.")
    add_resource_translation(
        member, resource, language="es", title="Manual", description="Un manual práctico."
    )

    (document,) = ResourceSource().documents([resource.pk])

    assert document.body.endswith("Manual\nUn manual práctico.")
