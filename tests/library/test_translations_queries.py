"""The resource page and its translations page cost a fixed number of queries, whether a
resource has 2 or 4 translations; a resource without any costs what it always did."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tertulia.core.models import SiteSettings
from tertulia.library.models import Resource
from tertulia.library.services.translations import add_resource_translation
from tests.factories import make_member
from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db

LANGUAGES = ("ar", "es", "fr", "pt")


@pytest.fixture(autouse=True)
def _site_settings_stored() -> None:
    SiteSettings.current()


def translated(count: int) -> Resource:
    resource = make_resource(title=f"Manual {count}", description="A practical manual.")
    for language in LANGUAGES[:count]:
        add_resource_translation(
            make_member(), resource, language=language, title="Manual", description="Un."
        )
    return resource


@pytest.mark.parametrize("count", [2, 4])
def test_the_resource_page_reads_translations_in_one_query(
    count: int, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    resource = translated(count)

    # resource + submitter, themes, dialogues, events, the translations' languages
    with django_assert_num_queries(5):
        response = client.get(f"/resources/{resource.pk}/{resource.slug}/")

    assert response.content.decode().count("(member's translation)") == count


@pytest.mark.parametrize("count", [2, 4])
def test_the_translations_page_query_count_does_not_grow(
    count: int, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    resource = translated(count)

    # the resource, its translations with their translators
    with django_assert_num_queries(2):
        response = client.get(f"/resources/{resource.pk}/translations/?lang=es")

    assert response.status_code == 200
