"""Facilitators manage the themes; names show in the member's language."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tertulia.core.models import Theme
from tests.library.conftest import page_text
from tests.library.factories import make_resource, make_theme

pytestmark = pytest.mark.django_db


def test_a_facilitator_adds_a_theme_in_three_languages(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/resources/themes/",
        {"name_en": "Care economy", "name_es": "Economía del cuidado", "name_fr": ""},
    )

    assert response.status_code == 302
    theme = Theme.objects.get()
    assert (theme.slug, theme.name_es, theme.name_fr) == (
        "care-economy",
        "Economía del cuidado",
        "",
    )


def test_a_theme_needs_a_new_english_name(facilitator_client: Client) -> None:
    make_theme(name="Care economy")

    empty = page_text(facilitator_client.post("/resources/themes/", {"name_en": " "}))
    taken = page_text(facilitator_client.post("/resources/themes/", {"name_en": "Care Economy"}))

    assert "Give the theme a name in English." in empty
    assert "There is already a theme called “Care Economy”." in taken
    assert 'id="id_name_en_error"' in taken
    assert Theme.objects.count() == 1


def test_renaming_keeps_the_address(facilitator_client: Client) -> None:
    theme = make_theme(name="Care work")

    facilitator_client.post(
        f"/resources/themes/{theme.pk}/",
        {"name_en": "Care economy", "name_es": "Economía del cuidado", "name_fr": "Soins"},
    )

    theme.refresh_from_db()
    assert (theme.slug, theme.name_en, theme.name_fr) == ("care-work", "Care economy", "Soins")


def test_members_see_theme_names_in_their_language(member_client: Client) -> None:
    from tertulia.accounts.models import Member

    theme = make_theme(name="Care economy", name_es="Economía del cuidado")
    make_resource(themes=[theme])
    Member.objects.update(interface_language="es")

    assert "Economía del cuidado" in page_text(member_client.get("/resources/"))


def test_only_facilitators_manage_themes(client: Client, member_client: Client) -> None:
    theme = make_theme()
    for browser in (client, member_client):
        assert browser.get("/resources/themes/").status_code == 403
        assert browser.post("/resources/themes/", {"name_en": "New"}).status_code == 403
        assert browser.post(f"/resources/themes/{theme.pk}/", {"name_en": "X"}).status_code == 403
    assert Theme.objects.count() == 1


@pytest.mark.parametrize("count", [2, 10])
def test_theme_list_query_count_does_not_grow(
    count: int,
    facilitator_client: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    from tertulia.core.models import SiteSettings

    SiteSettings.current()
    for number in range(count):
        make_resource(themes=[make_theme(name=f"Theme {number}")])
    with django_assert_num_queries(3):  # session, member, themes with counts
        facilitator_client.get("/resources/themes/")
