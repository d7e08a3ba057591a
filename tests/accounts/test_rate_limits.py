"""allauth's rate limits are on: repeated failed sign-ins are slowed down."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_too_many_failed_sign_ins_lock_the_address_for_a_while(
    client: Client, member: Member
) -> None:
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": member.email, "password": "wrong guess"})

    # Even the right password is refused until the limit expires.
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
