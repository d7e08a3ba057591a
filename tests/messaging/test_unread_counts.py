"""Unread marks in the inbox and the header's count of unread conversations."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.messaging.models import Participant
from tertulia.messaging.queries import unread_conversation_count
from tertulia.messaging.services.conversations import reply
from tertulia.messaging.services.participation import leave_conversation, set_muted
from tests.messaging.conftest import client_for, start

pytestmark = pytest.mark.django_db


def unread_columns(*members: Member) -> tuple[int, ...]:
    """Each member's stored count, the one the header shows."""
    for member in members:
        member.refresh_from_db()
    return tuple(member.unread_conversations for member in members)


def test_new_messages_are_unread_until_the_conversation_is_opened(
    member: Member, other_member: Member
) -> None:
    first = start(member, [other_member], subject="First")
    start(member, [other_member], subject="Second")
    reply(member, first, body="And more")

    assert unread_conversation_count(other_member) == 2
    assert unread_conversation_count(member) == 0
    assert unread_columns(member, other_member) == (0, 2)
    inbox = client_for(other_member).get("/messages/").content.decode()
    assert "2 unread" in inbox
    assert "1 unread" in inbox

    client_for(other_member).get(f"/messages/{first.pk}/")

    assert unread_conversation_count(other_member) == 1
    assert unread_columns(member, other_member) == (0, 1)
    reply(other_member, first, body="Thanks")
    assert unread_conversation_count(member) == 1
    assert unread_columns(member, other_member) == (1, 1)


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
    assert unread_columns(other_member) == (3,)


def _header(client: Client) -> str:
    return _header_of(client.get("/").content.decode())


def _header_of(page: str) -> str:
    nav = page[page.index('class="account-nav"') : page.index("</nav>")]
    link = nav[nav.index('href="/messages/"') :]
    return link[: link.index("</a>")]


def test_the_header_badge_follows_reading_muting_and_leaving(
    member: Member, other_member: Member
) -> None:
    first = start(member, [other_member], subject="First")
    second = start(member, [other_member], subject="Second")
    reader = client_for(other_member)
    assert '<span class="count-badge">2<' in _header(reader)

    reading = reader.get(f"/messages/{first.pk}/").content.decode()
    assert '<span class="count-badge">1<' in _header_of(reading)  # already on this page
    assert '<span class="count-badge">1<' in _header(reader)

    reply(member, first, body="One more thing")
    assert '<span class="count-badge">2<' in _header(reader)

    seat = Participant.objects.get(conversation=second, member=other_member)
    set_muted(other_member, seat, muted=True)
    assert '<span class="count-badge">1<' in _header(reader)

    seat = Participant.objects.select_related("conversation").get(
        conversation=first, member=other_member
    )
    leave_conversation(other_member, seat)
    assert "count-badge" not in _header(reader)
    other_member.refresh_from_db()
    assert other_member.unread_conversations == unread_conversation_count(other_member) == 0


def test_the_author_never_counts_their_own_message(member: Member, other_member: Member) -> None:
    start(member, [other_member])
    member.refresh_from_db()
    other_member.refresh_from_db()
    assert (member.unread_conversations, other_member.unread_conversations) == (0, 1)
