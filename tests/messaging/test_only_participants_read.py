"""Only a conversation's participants can read it: others, facilitators and staff get 404."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tests.messaging.conftest import client_for, start

pytestmark = pytest.mark.django_db


def test_participants_read_the_conversation(member: Member, other_member: Member) -> None:
    conversation = start(member, [other_member], body="Hello **Wanjiru**")

    response = client_for(other_member).get(f"/messages/{conversation.pk}/")

    assert response.status_code == 200
    assert "<strong>Wanjiru</strong>" in response.content.decode()
    assert "Workshop materials" in response.content.decode()


@pytest.mark.parametrize("viewer_fixture", ["outsider", "facilitator", "staff"])
def test_anyone_else_gets_404(
    viewer_fixture: str, member: Member, other_member: Member, request: pytest.FixtureRequest
) -> None:
    conversation = start(member, [other_member])
    message = conversation.messages.get()
    viewer = request.getfixturevalue(viewer_fixture)
    client = client_for(viewer)

    assert client.get(f"/messages/{conversation.pk}/").status_code == 404
    assert client.post(f"/messages/{conversation.pk}/reply/", {"body": "hi"}).status_code == 404
    assert client.post(f"/messages/{conversation.pk}/leave/").status_code == 404
    assert client.get(f"/messages/message/{message.pk}/report/").status_code == 404
    assert conversation.messages.count() == 1


def test_visitors_are_sent_to_sign_in(client: Client, member: Member, other_member: Member) -> None:
    conversation = start(member, [other_member])

    response = client.get(f"/messages/{conversation.pk}/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_the_inbox_lists_only_my_conversations(
    member: Member, other_member: Member, outsider: Member
) -> None:
    start(member, [other_member], subject="Ours")
    start(other_member, [outsider], subject="Not yours")

    page = client_for(member).get("/messages/").content.decode()

    assert "Ours" in page
    assert "Not yours" not in page
