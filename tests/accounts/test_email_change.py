"""Changing one's email address goes through verification of the new address."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from tertulia.accounts.models import Member
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def test_a_new_address_becomes_the_login_once_verified(
    member_client: Client, member: Member
) -> None:
    response = member_client.post(
        "/accounts/email/", {"action_add": "", "email": "nadege@new.example"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nadege@new.example"]
    member.refresh_from_db()
    assert member.email == "nadege@example.org"  # unchanged until verified

    link = re.search(r"http://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body)
    assert link
    member_client.post(link.group(1))
    member.refresh_from_db()
    assert member.email == "nadege@new.example"
    assert EmailAddress.objects.get(user=member, email="nadege@new.example").verified


def test_an_address_of_another_member_is_refused(member_client: Client) -> None:
    make_member(email="taken@example.org")
    response = member_client.post(
        "/accounts/email/", {"action_add": "", "email": "TAKEN@example.org"}
    )
    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode()
    assert mail.outbox == []
