"""Password reset by mail, and password change."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tertulia.accounts.models import Member
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "orchard-violet-saddle-42"


def test_password_reset_mail_link_sets_a_new_password(client: Client, member: Member) -> None:
    response = client.post("/accounts/password/reset/", {"email": "NADEGE@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nadege@example.org"]
    match = re.search(r"http://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", message.body)
    assert match, message.body

    # allauth moves the key from the URL into the session, then shows the form.
    response = client.get(match.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else match.group(1)
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert not member.check_password(DEFAULT_PASSWORD)
    assert client.login(email="nadege@example.org", password=NEW_PASSWORD)


def test_a_weak_new_password_is_refused_at_the_field(member_client: Client, member: Member) -> None:
    response = member_client.post(
        "/accounts/password/change/",
        {"oldpassword": DEFAULT_PASSWORD, "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert 'id="id_password1_error"' in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(DEFAULT_PASSWORD)


def test_password_change_needs_the_current_password(
    member_client: Client, member: Member, settings: Any
) -> None:
    # As in production, argon2 hashes new passwords (the fast test hasher stays last so
    # the fixture's password still verifies).
    fast, *real = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = [*real, fast]
    response = member_client.post(
        "/accounts/password/change/",
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert not member.check_password(NEW_PASSWORD)

    response = member_client.post(
        "/accounts/password/change/",
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert member.password.startswith("argon2$")
