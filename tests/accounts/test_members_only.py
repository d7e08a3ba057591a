"""A community readable by members only: visitors reach only the way in."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.core.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def members_only(db: None) -> None:
    site = SiteSettings.current()
    site.members_only = True
    site.save()


def test_by_default_visitors_can_read(client: Client, member: object) -> None:
    assert client.get("/members/").status_code == 200


@pytest.mark.usefixtures("members_only")
@pytest.mark.parametrize("path", ["/members/", "/members/1/"])
def test_visitors_are_sent_to_sign_in(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


@pytest.mark.usefixtures("members_only")
@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/robots.txt"],
)
def test_the_way_in_stays_open(client: Client, path: str) -> None:
    assert client.get(path).status_code == 200


@pytest.mark.usefixtures("members_only")
def test_the_home_page_shows_no_community_content_to_visitors(
    client: Client, member: object
) -> None:
    body = client.get("/").content.decode()
    assert "open to members only" in body
    assert "Nadège" not in body


@pytest.mark.usefixtures("members_only")
def test_members_read_as_usual(member_client: Client) -> None:
    assert member_client.get("/members/").status_code == 200
    assert "Nadège" in member_client.get("/").content.decode()


@pytest.mark.usefixtures("members_only")
def test_visitors_can_still_switch_language(client: Client) -> None:
    response = client.post("/language/", {"language": "es", "next": "/"})
    assert response.status_code == 302
