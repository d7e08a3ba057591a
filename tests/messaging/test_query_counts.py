"""The inbox, a conversation and the report queue cost the same queries for 2 or 10 rows."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.messaging.services.conversations import reply
from tertulia.messaging.services.reports import report_message
from tests.factories import make_member
from tests.messaging.conftest import client_for, start

pytestmark = pytest.mark.django_db

# After a first request has cached the site settings: session, member, then the
# paginator's count, the page of conversations, the prefetched names of the others.
INBOX_QUERIES = 5
# session, member, seat, message count, messages, attachments, participants, my
# reports, my blocks, who blocks me, then marking read in one transaction (savepoint,
# update, recount of the header's unread badge, release) and reading the new count back
# for the header of this very page.
CONVERSATION_QUERIES = 15
REPORT_QUEUE_QUERIES = 5


@pytest.mark.parametrize("rows", [2, 10])
def test_the_inbox_count_does_not_grow(
    rows: int,
    member: Member,
    other_member: Member,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for number in range(rows):
        start(other_member, [member, make_member()], subject=f"Subject {number}")
    client = client_for(member)
    client.get("/messages/")

    with django_assert_num_queries(INBOX_QUERIES):
        assert client.get("/messages/").status_code == 200


@pytest.mark.parametrize("rows", [2, 10])
def test_the_conversation_count_does_not_grow(
    rows: int,
    member: Member,
    other_member: Member,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    conversation = start(other_member, [member, *[make_member() for _ in range(rows - 1)]])
    for number in range(rows):
        reply(other_member if number % 2 else member, conversation, body=f"Message {number}")
    reply(other_member, conversation, body="Unread, so the page marks it read")
    client = client_for(member)
    client.get("/messages/")  # site settings are cached from then on

    with django_assert_num_queries(CONVERSATION_QUERIES):
        assert client.get(f"/messages/{conversation.pk}/").status_code == 200


@pytest.mark.parametrize("rows", [2, 10])
def test_the_report_queue_count_does_not_grow(
    rows: int,
    member: Member,
    other_member: Member,
    facilitator_client: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    conversation = start(other_member, [member])
    seat = conversation.participants.get(member=member)
    for number in range(rows):
        message = reply(other_member, conversation, body=f"Rude {number}")
        report_message(member, seat, message, reason="Rude")
    facilitator_client.get("/messages/reports/")

    with django_assert_num_queries(REPORT_QUEUE_QUERIES):
        assert facilitator_client.get("/messages/reports/").status_code == 200
