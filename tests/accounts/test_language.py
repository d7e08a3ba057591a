"""The interface language: profile, else browser, else English; a switcher for everyone."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member

pytestmark = pytest.mark.django_db


def test_english_by_default(client: Client) -> None:
    response = client.get("/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_the_browser_language_is_used_for_visitors(client: Client) -> None:
    response = client.get("/", headers={"accept-language": "fr-CA,fr;q=0.9,en;q=0.5"})
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in response.content.decode()


def test_a_visitor_switches_language_without_javascript(client: Client) -> None:
    response = client.post("/language/", {"language": "es", "next": "/members/"})
    assert response.status_code == 302
    assert response["Location"] == "/members/"
    assert client.get("/")["Content-Language"] == "es"


def test_a_member_switching_language_keeps_it_in_the_profile(
    member_client: Client, member: Member
) -> None:
    member_client.post("/language/", {"language": "fr", "next": "/"})
    member.refresh_from_db()
    assert member.interface_language == "fr"
    # The profile wins over the browser's wish.
    response = member_client.get("/", headers={"accept-language": "es"})
    assert response["Content-Language"] == "fr"


def test_an_unknown_language_or_foreign_next_url_changes_nothing(client: Client) -> None:
    response = client.post("/language/", {"language": "tlh", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/")["Content-Language"] == "en"


def test_the_switcher_needs_post(client: Client) -> None:
    assert client.get("/language/").status_code == 405


def test_the_switcher_is_labelled_and_lists_the_three_languages(client: Client) -> None:
    body = client.get("/").content.decode()
    assert '<label for="language-switch">' in body
    for code in ("en", "es", "fr"):
        assert f'<option value="{code}" lang="{code}"' in body
