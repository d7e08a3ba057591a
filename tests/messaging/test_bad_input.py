"""Bad input when writing: a clear message at the field, nothing saved."""

from __future__ import annotations

import pytest

from tertulia.accounts.models import Member
from tertulia.messaging.models import Conversation, Message
from tests.factories import make_member
from tests.messaging.conftest import client_for, start

pytestmark = pytest.mark.django_db


def post_new(author: Member, **data: str) -> str:
    fields = {"recipients": "", "subject": "Hello", "body": "A message", **data}
    response = client_for(author).post("/messages/new/", fields)
    assert response.status_code == 200
    return response.content.decode()


def test_every_problem_is_reported_at_once(member: Member) -> None:
    page = post_new(member, recipients="", subject="  ", body=" \n\t ")

    assert "Choose at least one member to write to." in page
    assert "Give your conversation a subject." in page
    assert "Write a message before sending." in page
    assert 'aria-describedby="id_body_error"' in page or "id_body_error" in page
    assert not Conversation.objects.exists()


def test_a_one_megabyte_body_is_refused(member: Member, other_member: Member) -> None:
    page = post_new(member, recipients=other_member.email, body="a" * 1_000_000)

    assert "Your message is 1,000,000 characters long; a message can hold 20,000." in page
    assert not Message.objects.exists()


def test_writing_only_to_yourself_is_refused(member: Member) -> None:
    page = post_new(member, recipients=f"{member.display_name}, {member.email}")

    assert "You cannot write only to yourself." in page


def test_unknown_names_are_listed(member: Member, other_member: Member) -> None:
    page = post_new(member, recipients=f"{other_member.display_name}, Ghost One; ghost@nowhere.org")

    assert "We found no member called: Ghost One, ghost@nowhere.org." in page
    assert not Conversation.objects.exists()


def test_names_match_without_accents_or_case(member: Member) -> None:
    other = make_member(display_name="José Ñúñez")

    client_for(member).post(
        "/messages/new/", {"recipients": "jose nunez", "subject": "Hola", "body": "¿Qué tal?"}
    )

    assert Conversation.objects.get().participants.filter(member=other).exists()


def test_two_members_with_the_same_name_ask_for_an_email(member: Member) -> None:
    make_member(display_name="Maria Silva")
    make_member(display_name="Maria Silva")

    page = post_new(member, recipients="Maria Silva")

    assert "Several members are called Maria Silva; write their email address instead." in page


def test_inactive_members_cannot_receive_messages(member: Member) -> None:
    gone = make_member(display_name="Closed Account", is_active=False)

    page = post_new(member, recipients=gone.email)

    assert "have closed their account and cannot receive messages: " in page
    assert not Conversation.objects.exists()


def test_members_write_to_at_most_ten(member: Member) -> None:
    others = [make_member() for _ in range(11)]

    page = post_new(member, recipients=", ".join(person.email for person in others))

    assert "You can write to at most 10 members at once; you chose 11." in page


def test_an_empty_reply_is_refused(member: Member, other_member: Member) -> None:
    conversation = start(member, [other_member])

    response = client_for(other_member).post(f"/messages/{conversation.pk}/reply/", {"body": "   "})

    assert "Write a message before sending." in response.content.decode()
    assert conversation.messages.count() == 1


def test_the_same_form_sent_twice_makes_one_conversation(
    member: Member, other_member: Member
) -> None:
    data = {
        "recipients": other_member.email,
        "subject": "Once",
        "body": "Only once",
        "submission_key": "key-123",
    }
    client = client_for(member)
    first = client.post("/messages/new/", data)
    second = client.post("/messages/new/", data)

    assert first["Location"] == second["Location"]
    assert Conversation.objects.count() == 1


def test_a_bad_page_number_is_harmless(member: Member, other_member: Member) -> None:
    conversation = start(member, [other_member])
    client = client_for(member)

    assert client.get("/messages/?page=abc").status_code == 200
    assert client.get(f"/messages/{conversation.pk}/?page=999").status_code == 200
    assert client.get("/messages/new/?to=abc&to=99999").status_code == 200
