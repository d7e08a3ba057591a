"""Fixtures shared by the forum tests: a forum, a thread in it, a second member."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Thread
from tests.factories import make_forum, make_member, make_thread


@pytest.fixture
def forum(db: None) -> Forum:
    return make_forum(
        title="General Discussion Forum", slug="general", languages=["en", "es", "fr"]
    )


@pytest.fixture
def other_member(db: None) -> Member:
    return make_member(display_name="Wanjiru Kamau Otieno", email="wanjiru@example.org")


@pytest.fixture
def thread(forum: Forum, other_member: Member) -> Thread:
    return make_thread(
        forum=forum,
        author=other_member,
        title="How do you open a workshop?",
        body="I start with a round of names. What do you do?",
    )


def client_for(member: Member) -> Client:
    """A browser signed in as this member."""
    client = Client()
    client.force_login(member)
    return client


def page_text(response: HttpResponse) -> str:
    return response.content.decode()
