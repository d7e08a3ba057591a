"""The demo's conversations: made once, in three languages, readable by their people."""

from __future__ import annotations

import pytest

from tertulia.messaging.demo import create_demo_conversations
from tertulia.messaging.models import Conversation, Message
from tests.factories import make_facilitator, make_member
from tests.messaging.conftest import client_for

pytestmark = pytest.mark.django_db


def test_demo_conversations_are_made_once() -> None:
    members = [make_member() for _ in range(4)]
    facilitators = [make_facilitator()]

    made = create_demo_conversations(members, facilitators)
    again = create_demo_conversations(members, facilitators)

    assert [c.pk for c in made] == [c.pk for c in again]
    assert Conversation.objects.count() == 4
    assert Message.objects.filter(body__contains="¿Te interesaría").exists()
    assert Message.objects.filter(body__contains="études de cas").exists()
    page = client_for(members[1]).get(f"/messages/{made[1].pk}/")
    assert page.status_code == 200


def test_too_few_members_make_nothing() -> None:
    assert create_demo_conversations([make_member()], []) == []
