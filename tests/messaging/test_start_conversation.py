"""Starting a conversation: from a profile's link, by names, and to many at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.messaging.models import Conversation, Participant
from tertulia.messaging.services.conversations import start_conversation
from tests.factories import make_member
from tests.messaging.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_profile_link_prefills_the_recipient(
    member_client: Client, other_member: Member
) -> None:
    page = member_client.get(f"/messages/new/?to={other_member.pk}").content.decode()

    assert other_member.display_name in page
    assert f'value="{other_member.pk}"' in page
    assert "checked" in page

    response = member_client.post(
        "/messages/new/",
        {"recipient_ids": [str(other_member.pk)], "subject": "Hi", "body": "From your profile"},
    )

    conversation = Conversation.objects.get()
    assert response["Location"] == f"/messages/{conversation.pk}/"
    assert {seat.member for seat in conversation.participants.all()} == {
        other_member,
        Member.objects.get(email="nadege@example.org"),
    }
    assert conversation.message_count == 1


def test_several_recipients_by_name_and_email(member: Member, other_member: Member) -> None:
    third = make_member(display_name="Amadou Diallo", email="amadou@example.org")

    client_for(member).post(
        "/messages/new/",
        {
            "recipients": f"Wanjiru Kamau Otieno\nAMADOU@example.org, {member.display_name}",
            "subject": "Planning the dialogue",
            "body": "Shall we meet on *Tuesday*?",
        },
    )

    conversation = Conversation.objects.get()
    assert set(conversation.participants.values_list("member", flat=True)) == {
        member.pk,
        other_member.pk,
        third.pk,
    }
    message = conversation.messages.get()
    assert message.body_html == "<p>Shall we meet on <em>Tuesday</em>?</p>\n"
    assert conversation.created_by == member
    writer = Participant.objects.get(member=member)
    assert writer.last_read_position == 1


def test_a_facilitator_writes_to_many_members_at_once(facilitator: Member, settings: Any) -> None:
    registrants = [make_member() for _ in range(30)]

    conversation = start_conversation(
        facilitator,
        recipients=registrants,
        subject="Webinar on Thursday",
        body="The link is in your registration.",
    )

    assert conversation.participants.count() == 31


def test_a_facilitator_list_is_capped_with_a_clear_message(
    facilitator: Member, settings: Any
) -> None:
    settings.MESSAGING_MAX_RECIPIENTS_FACILITATOR = 5
    registrants = [make_member() for _ in range(6)]

    with pytest.raises(ValidationError) as refused:
        start_conversation(facilitator, recipients=registrants, subject="s", body="b")

    assert "You can write to at most 5 members at once; you chose 6." in str(refused.value)
    assert not Conversation.objects.exists()


def test_the_new_message_page_works_without_javascript(member_client: Client) -> None:
    page = member_client.get("/messages/new/").content.decode()

    assert '<label for="id_recipients">' in page
    assert 'enctype="multipart/form-data"' in page
    assert "<script>" not in page
    assert 'style="' not in page
