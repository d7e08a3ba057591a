"""Blocking: a blocked member cannot start a conversation with the blocker, nor reply in
one the blocker is in; and the blocker cannot write to them until unblocking."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tertulia.accounts.models import Member
from tertulia.messaging.models import Block, Conversation
from tertulia.messaging.queries import conversation_page
from tertulia.messaging.services.blocks import block_member, unblock_member
from tertulia.messaging.services.conversations import reply
from tests.factories import make_member
from tests.messaging.conftest import client_for, start

pytestmark = pytest.mark.django_db


def test_a_blocked_member_cannot_start_a_conversation_with_the_blocker(
    member: Member, other_member: Member
) -> None:
    block_member(member, other_member)

    response = client_for(other_member).post(
        "/messages/new/",
        {"recipients": member.display_name, "subject": "Hello", "body": "Please answer"},
    )

    assert response.status_code == 200
    assert f"You cannot write to {member.display_name}." in response.content.decode()
    assert not Conversation.objects.exists()


def test_a_blocked_member_cannot_reply_where_the_blocker_is(
    member: Member, other_member: Member
) -> None:
    third = make_member(display_name="Amadou Diallo")
    conversation = start(other_member, [member, third])
    client_for(member).post(f"/messages/blocked/{other_member.pk}/block/")
    assert Block.objects.filter(blocker=member, blocked=other_member).exists()

    client = client_for(other_member)
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert f"You cannot write to {member.display_name}." in page

    response = client.post(f"/messages/{conversation.pk}/reply/", {"body": "Ignore me?"})
    assert response.status_code == 403
    assert conversation.messages.count() == 1
    # The blocker and the others still talk.
    reply(member, conversation, body="I am still here")
    reply(third, conversation, body="Me too")


def test_the_blocked_member_may_reply_again_once_the_blocker_leaves(
    member: Member, other_member: Member
) -> None:
    conversation = start(other_member, [member, make_member()])
    block_member(member, other_member)
    with pytest.raises(PermissionDenied):
        reply(other_member, conversation, body="Hello?")

    client_for(member).post(f"/messages/{conversation.pk}/leave/")

    assert reply(other_member, conversation, body="Hello, others").position == 2


def test_the_blocker_cannot_write_to_the_blocked_member_either(
    member: Member, other_member: Member
) -> None:
    block_member(member, other_member)

    with pytest.raises(ValidationError) as refused:
        start(member, [other_member])

    assert "You have blocked Wanjiru Kamau Otieno" in str(refused.value)


def test_unblocking_lets_them_write_again(member: Member, other_member: Member) -> None:
    block_member(member, other_member)
    client = client_for(member)
    assert other_member.display_name in client.get("/messages/blocked/").content.decode()

    client.post(f"/messages/blocked/{other_member.pk}/unblock/")

    assert not Block.objects.exists()
    assert start(other_member, [member]).message_count == 1
    unblock_member(member, other_member)  # unblocking twice is harmless


def test_blocking_by_name_on_the_blocked_page(member: Member, other_member: Member) -> None:
    client = client_for(member)

    response = client.post("/messages/blocked/", {"name": "wanjiru kamau otieno"})
    assert response.status_code == 302
    assert Block.objects.filter(blocker=member, blocked=other_member).exists()

    unknown = client.post("/messages/blocked/", {"name": "Nobody Atall"})
    assert "We found no member called: Nobody Atall." in unknown.content.decode()
    myself = client.post("/messages/blocked/", {"name": member.email})
    assert "You cannot block yourself." in myself.content.decode()


@pytest.mark.parametrize(
    ("query", "landing"),
    [
        ("?next=/messages/", "/messages/"),
        ("?next=https://evil.example/steal", "/messages/blocked/"),
        ("", "/messages/blocked/"),
    ],
)
def test_blocking_goes_back_to_the_page_it_came_from_on_this_site_only(
    member: Member, other_member: Member, query: str, landing: str
) -> None:
    client = client_for(member)

    blocked = client.post(f"/messages/blocked/{other_member.pk}/block/{query}")
    unblocked = client.post(f"/messages/blocked/{other_member.pk}/unblock/{query}")

    assert blocked.status_code == 302
    assert blocked["Location"] == landing
    assert unblocked["Location"] == landing


def test_a_next_address_in_the_form_wins(member: Member, other_member: Member) -> None:
    response = client_for(member).post(
        f"/messages/blocked/{other_member.pk}/block/?next=/messages/",
        {"next": "/messages/blocked/"},
    )

    assert response["Location"] == "/messages/blocked/"


def test_the_page_gives_the_same_refusal_as_the_service(
    member: Member, other_member: Member
) -> None:
    third = make_member(display_name="Amadou Diallo")
    conversation = start(other_member, [member, third])
    assert conversation_page(other_member, conversation.pk, None).reply_refusal == ""
    block_member(member, other_member)
    block_member(third, other_member)

    data = conversation_page(other_member, conversation.pk, None)
    with pytest.raises(PermissionDenied) as refused:
        reply(other_member, conversation, body="Hello?")

    assert data.reply_refusal == str(refused.value)
    assert data.reply_refusal == f"You cannot write to {third.display_name}, {member.display_name}."
    page = client_for(other_member).get(f"/messages/{conversation.pk}/").content.decode()
    assert f'<p class="notice" id="reply-refusal">{data.reply_refusal}</p>' in page
