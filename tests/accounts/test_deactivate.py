"""A member closes their own account."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_closing_the_account_signs_out_and_hides_the_member(
    member_client: Client, member: Member, client: Client
) -> None:
    response = member_client.post("/account/deactivate/", {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    assert member.deactivated_at is not None
    assert member_client.get("/account/profile/").status_code == 302  # signed out
    assert not client.login(email=member.email, password=DEFAULT_PASSWORD)
    assert client.get(f"/members/{member.pk}/").status_code == 404
    assert "Nadège" not in client.get("/members/").content.decode()


def test_a_wrong_password_keeps_the_account_open(member_client: Client, member: Member) -> None:
    response = member_client.post("/account/deactivate/", {"password": "not mine"})
    assert response.status_code == 200
    assert 'id="id_password_error"' in response.content.decode()
    member.refresh_from_db()
    assert member.is_active
