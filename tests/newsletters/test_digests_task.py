"""The two ways runs start: the `send-digests` command (cron) and the task that books
its own next run (a task worker, no cron)."""

from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command

from tertulia.newsletters.digests import tasks
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.digest_setup import make_reader, tell_reply

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db

SEVEN_IN_PARIS = datetime(2026, 3, 28, 6, tzinfo=UTC)
DURING = datetime(2026, 3, 27, 15, tzinfo=UTC)


@pytest.fixture
def deferring_tasks(settings: Any) -> None:
    """A task backend that can defer (run_after) and only records what is enqueued."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }


def _queued() -> list[Any]:
    backend = tasks.send_digests.get_backend()
    return list(backend.results)  # type: ignore[attr-defined]  # DummyBackend keeps them


def test_the_command_sends_what_is_due(smtp_server: SMTPServer) -> None:
    member = make_reader()
    tell_reply(member, at=DURING)
    out = StringIO()

    with time_machine.travel(SEVEN_IN_PARIS, tick=False):
        call_command("send_digests", stdout=out)
        call_command("send_digests", stdout=out)

    assert out.getvalue().splitlines() == ["sent: 1", "nothing due"]
    assert [mail.recipients for mail in smtp_server.received] == [[member.email]]


def test_the_task_sends_and_books_the_next_quarter_hour(
    smtp_server: SMTPServer, deferring_tasks: None
) -> None:
    member = make_reader()
    tell_reply(member, at=DURING)

    with time_machine.travel(datetime(2026, 3, 28, 6, 7, 30, tzinfo=UTC), tick=False):
        result = tasks.send_digests.call()

    assert result == {"sent": 1}
    assert len(smtp_server.received) == 1
    (queued,) = _queued()
    assert queued.task.run_after == datetime(2026, 3, 28, 6, 15, tzinfo=UTC)


def test_a_second_chain_stops_at_its_next_run(deferring_tasks: None) -> None:
    moment = datetime(2026, 3, 28, 6, 59, tzinfo=UTC)
    with time_machine.travel(moment, tick=False):
        tasks.send_digests.call()
        tasks.send_digests.call()  # the same slot is booked once

    assert [result.task.run_after for result in _queued()] == [datetime(2026, 3, 28, 7, tzinfo=UTC)]


def test_schedule_starts_the_chain_once(deferring_tasks: None) -> None:
    out = StringIO()

    call_command("send_digests", "--schedule", stdout=out)

    (queued,) = _queued()
    assert queued.task.run_after is None  # at once; it then books its own next run
    assert "reschedules itself" in out.getvalue()


def test_schedule_explains_when_the_backend_cannot_defer() -> None:
    # The tests' default backend runs each task at once and cannot defer.
    with pytest.raises(CommandError, match="from cron instead"):
        call_command("send_digests", "--schedule")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 3, 28, 6, 0, tzinfo=UTC), datetime(2026, 3, 28, 6, 15, tzinfo=UTC)),
        (datetime(2026, 3, 28, 6, 44, 59, tzinfo=UTC), datetime(2026, 3, 28, 6, 45, tzinfo=UTC)),
        (datetime(2026, 3, 28, 23, 50, tzinfo=UTC), datetime(2026, 3, 29, 0, 0, tzinfo=UTC)),
    ],
)
def test_runs_fall_on_quarter_hours(now: datetime, expected: datetime) -> None:
    assert tasks.next_run_at(now) == expected
