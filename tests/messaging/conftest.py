"""Fixtures and helpers shared by the private-message tests."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.messaging.models import Conversation
from tertulia.messaging.services.conversations import start_conversation
from tests.factories import make_member


@pytest.fixture
def other_member(db: None) -> Member:
    return make_member(display_name="Wanjiru Kamau Otieno", email="wanjiru@example.org")


@pytest.fixture
def outsider(db: None) -> Member:
    return make_member(display_name="Tomás Outsider", email="tomas@example.org")


def client_for(member: Member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def start(
    author: Member,
    recipients: Sequence[Member],
    *,
    subject: str = "Workshop materials",
    body: str = "Could you share the slides from Thursday?",
) -> Conversation:
    return start_conversation(author, recipients=recipients, subject=subject, body=body)
