"""Leaving a conversation and muting it."""

from __future__ import annotations

import pytest

from tertulia.accounts.models import Member
from tertulia.messaging.models import Participant
from tertulia.messaging.queries import message_recipients, unread_conversation_count
from tertulia.messaging.services.conversations import reply
from tests.factories import make_member
from tests.messaging.conftest import client_for, start

pytestmark = pytest.mark.django_db


def test_a_member_who_left_no_longer_sees_new_messages_nor_replies(
    member: Member, other_member: Member
) -> None:
    third = make_member(display_name="Amadou Diallo")
    conversation = start(member, [other_member, third], body="Before you left")
    client = client_for(other_member)

    response = client.post(f"/messages/{conversation.pk}/leave/")
    assert response.status_code == 302
    reply(member, conversation, body="After you left")

    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "Before you left" in page
    assert "After you left" not in page
    assert "You left this conversation" in page
    assert "Workshop materials" not in client.get("/messages/").content.decode()
    assert unread_conversation_count(other_member) == 0
    other_member.refresh_from_db()
    assert other_member.unread_conversations == 0

    refused = client.post(f"/messages/{conversation.pk}/reply/", {"body": "Let me back in"})
    assert refused.status_code == 403
    assert "You left this conversation" in refused.content.decode()
    assert not conversation.messages.filter(body="Let me back in").exists()


def test_the_conversation_goes_on_for_the_others(member: Member, other_member: Member) -> None:
    third = make_member(display_name="Amadou Diallo")
    conversation = start(member, [other_member, third])
    client_for(other_member).post(f"/messages/{conversation.pk}/leave/")

    response = client_for(third).post(f"/messages/{conversation.pk}/reply/", {"body": "Still here"})

    assert response.status_code == 302
    assert "Still here" in client_for(member).get(f"/messages/{conversation.pk}/").content.decode()
    assert other_member not in message_recipients(conversation.messages.last())  # type: ignore[arg-type]


def test_a_muted_conversation_tells_nobody_and_is_not_counted(
    member: Member, other_member: Member
) -> None:
    conversation = start(member, [other_member])
    assert unread_conversation_count(other_member) == 1
    other_member.refresh_from_db()
    assert other_member.unread_conversations == 1

    client_for(other_member).post(f"/messages/{conversation.pk}/mute/", {"muted": "1"})
    message = reply(member, conversation, body="Another one")

    assert Participant.objects.get(member=other_member).is_muted
    assert unread_conversation_count(other_member) == 0
    other_member.refresh_from_db()
    assert other_member.unread_conversations == 0
    assert message_recipients(message) == []
    page = client_for(other_member).get("/messages/").content.decode()
    assert "muted" in page

    client_for(other_member).post(f"/messages/{conversation.pk}/mute/", {"muted": "0"})
    assert not Participant.objects.get(member=other_member).is_muted
    assert message_recipients(reply(member, conversation, body="Third")) == [other_member]
