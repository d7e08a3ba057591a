import pytest
from django.test import Client


@pytest.mark.django_db
def test_home_page_renders_for_a_visitor(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b"Join the community" in response.content
