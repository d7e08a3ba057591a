"""The accessibility statement: reachable from every page, says what is aimed for and how
to report a problem, in the reader's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_every_page_links_to_the_statement_from_its_footer(client: Client) -> None:
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/accessibility/">Accessibility</a>' in footer


def test_the_statement_names_the_standard_the_checks_and_how_to_report(client: Client) -> None:
    response = client.get("/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Accessibility</h1>" in html
    assert "WCAG) 2.2 at level AA" in html
    assert "axe-core" in html
    assert "Lighthouse" in html
    assert "Known limitations" in html
    assert 'id="report"' in html
    assert 'href="/members/"' in html
    assert "mailto:" not in html  # no contact address configured
    assert 'aria-current="page"' in html[html.index('<footer class="site-footer">') :]


def test_a_configured_contact_address_is_offered(client: Client, settings: Any) -> None:
    settings.CONTACT_EMAIL = "access@example.org"
    html = client.get("/accessibility/").content.decode()
    assert '<a href="mailto:access@example.org">access@example.org</a>' in html


def test_visitors_can_read_it_in_a_members_only_community(client: Client) -> None:
    from tertulia.core.models import SiteSettings

    SiteSettings.objects.update_or_create(pk=1, defaults={"members_only": True})
    assert client.get("/accessibility/").status_code == 200


def test_it_is_shown_in_the_reader_language(client: Client) -> None:
    with translation.override("es"):
        heading = translation.gettext("Accessibility")
    assert heading != "Accessibility"
    client.cookies["tertulia_language"] = "es"
    html = client.get("/accessibility/").content.decode()
    assert '<html lang="es">' in html
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_the_statement_costs_a_constant_number_of_queries(
    client: Client, member: Any, signed_in: bool, django_assert_num_queries: Any
) -> None:
    if signed_in:
        client.force_login(member)
    client.get("/accessibility/")  # the site settings are cached from then on
    with django_assert_num_queries(2 if signed_in else 0):
        assert client.get("/accessibility/").status_code == 200
