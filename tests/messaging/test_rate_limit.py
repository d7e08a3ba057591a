"""Members may start a limited number of conversations per hour."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from tertulia.accounts.models import Member
from tertulia.messaging.models import Conversation
from tests.messaging.conftest import client_for, start

pytestmark = pytest.mark.django_db


def test_the_limit_refuses_one_more_until_an_hour_has_passed(
    settings: Any, member: Member, other_member: Member
) -> None:
    settings.MESSAGING_CONVERSATIONS_PER_HOUR = 2
    data = {"recipients": other_member.email, "subject": "Again", "body": "Hello"}
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False):
        start(member, [other_member])
        start(member, [other_member])
        response = client_for(member).post("/messages/new/", data)
        assert "You have started 2 conversations in the last hour" in response.content.decode()
        assert Conversation.objects.count() == 2
    with time_machine.travel(datetime(2026, 3, 2, 10, 1, tzinfo=UTC), tick=False):
        assert client_for(member).post("/messages/new/", data).status_code == 302
    assert Conversation.objects.count() == 3


def test_replies_are_not_limited_and_facilitators_are_exempt(
    settings: Any, facilitator: Member, other_member: Member
) -> None:
    settings.MESSAGING_CONVERSATIONS_PER_HOUR = 1
    start(facilitator, [other_member])
    start(facilitator, [other_member])

    assert Conversation.objects.count() == 2
