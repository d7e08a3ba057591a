"""Styled error pages; no stack trace when DEBUG is off."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import path

from tertulia import urls as project_urls


def broken_view(request: Any) -> Any:
    raise RuntimeError("secret internals")


urlpatterns = [*project_urls.urlpatterns, path("broken/", broken_view)]
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.mark.django_db
def test_not_found_is_a_styled_page(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>Page not found</h1>" in body
    assert 'class="skip-link"' in body


@pytest.mark.django_db
@pytest.mark.urls("tests.core.test_error_pages")
def test_a_server_error_shows_a_plain_page_without_internals(settings: Any) -> None:
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret internals" not in body
    assert "Traceback" not in body


@pytest.mark.django_db
def test_a_missing_csrf_token_gets_a_clear_page(member: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/account/profile/", {"display_name": "x"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
