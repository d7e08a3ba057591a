"""Unread marks in the inbox and the header's count of unread conversations."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.messaging.context_processors import unread_messages
from tertulia.messaging.queries import unread_conversation_count
from tertulia.messaging.services.conversations import reply
from tests.messaging.conftest import client_for, start

pytestmark = pytest.mark.django_db


def test_new_messages_are_unread_until_the_conversation_is_opened(
    member: Member, other_member: Member
) -> None:
    first = start(member, [other_member], subject="First")
    start(member, [other_member], subject="Second")
    reply(member, first, body="And more")

    assert unread_conversation_count(other_member) == 2
    assert unread_conversation_count(member) == 0
    inbox = client_for(other_member).get("/messages/").content.decode()
    assert "2 unread" in inbox
    assert "1 unread" in inbox

    client_for(other_member).get(f"/messages/{first.pk}/")

    assert unread_conversation_count(other_member) == 1
    reply(other_member, first, body="Thanks")
    assert unread_conversation_count(member) == 1


def test_the_inbox_shows_newest_activity_first(member: Member, other_member: Member) -> None:
    older = start(member, [other_member], subject="Older subject")
    start(member, [other_member], subject="Newer subject")
    reply(other_member, older, body="Revived")

    page = client_for(member).get("/messages/").content.decode()

    assert page.index("Older subject") < page.index("Newer subject")


def test_the_count_is_one_query(
    member: Member, other_member: Member, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(3):
        start(member, [other_member])

    with django_assert_num_queries(1):
        assert unread_conversation_count(other_member) == 3


def test_the_context_processor_is_lazy_and_for_members_only(
    member: Member, other_member: Member, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    start(member, [other_member])
    request: Any = RequestFactory().get("/")
    request.user = other_member

    with django_assert_num_queries(0):
        context = unread_messages(request)
    with django_assert_num_queries(1):
        assert str(context["unread_conversation_count"]) == "1"

    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert unread_messages(request) == {}
