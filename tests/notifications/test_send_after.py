"""A post's mail waits for its edit window unless the author sends it now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from tertulia.accounts.models import Member
from tertulia.notifications import tasks
from tertulia.notifications.models import Kind, Notification
from tertulia.notifications.services import notify, refresh_unsent, release_held_mail
from tests.mailserver import SMTPServer

pytestmark = pytest.mark.django_db

POSTED = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
WINDOW_ENDS = POSTED + timedelta(minutes=60)


def _held_reply(member: Member, actor: Member, commit: Callable[[], Any]) -> Notification:
    with commit():
        notification = notify(
            member,
            Kind.REPLY,
            actor=actor,
            url="/t/1/#post-2",
            params={"subject": "Budgets"},
            snippet="First draft",
            group="thread:1",
            source="post:2",
            send_after=WINDOW_ENDS,
        )
    assert notification is not None
    return notification


def test_mail_waits_until_the_edit_window_has_passed(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    with time_machine.travel(POSTED, tick=False):
        notification = _held_reply(member, staff, commit)
        # The in-app notification is there at once; the mail is not.
        assert Notification.objects.filter(pk=notification.pk).exists()
        assert smtp_server.received == []
        refresh_unsent("post:2", snippet="Edited text")
        call_command("send_due_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert smtp_server.received == []

    with time_machine.travel(WINDOW_ENDS + timedelta(minutes=1), tick=False):
        call_command("send_due_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_due_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(smtp_server.received) == 1
    text = smtp_server.received[0].message.get_body(preferencelist=("plain",))
    assert text is not None
    assert "Edited text" in text.get_content()
    assert "First draft" not in text.get_content()


def test_a_deferring_backend_gets_the_task_for_later(
    deferring_tasks: None, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    with time_machine.travel(POSTED, tick=False):
        notification = _held_reply(member, staff, commit)
    queued = tasks.send_notification_mail.get_backend().results  # type: ignore[attr-defined]
    assert [(result.args, result.task.run_after) for result in queued] == [
        ([notification.pk], WINDOW_ENDS)
    ]


def test_the_task_rechecks_the_time(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    with time_machine.travel(POSTED, tick=False):
        notification = _held_reply(member, staff, commit)
        assert tasks.send_notification_mail.call(notification.pk) == "held"
    assert smtp_server.received == []


def test_send_now_releases_the_mail(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    with time_machine.travel(POSTED, tick=False):
        _held_reply(member, staff, commit)
        with commit():
            assert release_held_mail("post:2") == 1
    assert len(smtp_server.received) == 1
