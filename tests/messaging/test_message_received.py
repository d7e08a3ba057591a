"""Recipients are notified of a new message after commit, once, unless muted or gone."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from tertulia.accounts.models import Member
from tertulia.messaging.services.conversations import reply
from tertulia.messaging.services.participation import set_muted
from tertulia.messaging.tasks import tell_recipients
from tertulia.notifications.models import Kind, Notification
from tests.messaging.conftest import start

pytestmark = pytest.mark.django_db


def test_each_other_participant_is_notified_once(
    member: Member, other_member: Member, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        conversation = start(member, [other_member], subject="Slides")

    notification = Notification.objects.get()
    assert notification.recipient == other_member
    assert notification.kind == Kind.MESSAGE
    assert notification.actor == member
    assert notification.url == f"/messages/{conversation.pk}/#message-1"
    assert notification.params == {"subject": "Slides"}

    tell_recipients.call(conversation.messages.get().pk)  # a retried task
    assert Notification.objects.count() == 1


def test_muted_participants_are_not_notified(
    member: Member, other_member: Member, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        conversation = start(member, [other_member])
    set_muted(other_member, conversation.participants.get(member=other_member), muted=True)

    with django_capture_on_commit_callbacks(execute=True):
        reply(member, conversation, body="Quiet")

    assert Notification.objects.count() == 1


def test_nothing_is_told_when_the_message_rolls_back(
    member: Member, other_member: Member, django_capture_on_commit_callbacks: Any
) -> None:
    def start_then_fail() -> None:
        with transaction.atomic():
            start(member, [other_member])
            raise RuntimeError

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        start_then_fail()

    assert callbacks == []
    assert not Notification.objects.exists()
