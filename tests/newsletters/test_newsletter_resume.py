"""A worker dies in the middle of a batch; the sending resumes and nobody gets two copies."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterator
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks.base import TaskResult

from tertulia.accounts.models import Member
from tertulia.newsletters import delivery
from tertulia.newsletters.models import DeliveryStatus, Issue, IssueDelivery, IssueStatus
from tertulia.newsletters.services.sending import start_sending
from tests.factories import make_member
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.newsletter_setup import copies_per_recipient, make_issue

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db

MEMBERS = 10  # and the facilitator: 11 recipients, in batches of 3


class WorkerKilled(BaseException):
    """Stands for SIGKILL: raised from inside SMTP sending, nothing of the batch after it
    runs (a BaseException, so no `except Exception` on the way can swallow it)."""


def dying_after(mails: int) -> Callable[..., Any]:
    """An SMTP `sendmail` that dies once, about to send mail number mails+1; the mails
    after it (the restarted worker's) go out normally."""
    real = smtplib.SMTP.sendmail
    sent = 0

    def send_or_die(self: smtplib.SMTP, *args: Any, **kwargs: Any) -> Any:
        nonlocal sent
        sent += 1
        if sent == mails + 1:
            raise WorkerKilled
        return real(self, *args, **kwargs)

    return send_or_die


@pytest.fixture
def readers(facilitator: Member) -> list[Member]:
    return [facilitator, *(make_member() for _ in range(MEMBERS))]


@pytest.fixture(autouse=True)
def _small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "BATCH_SIZE", 3)
    monkeypatch.setattr(
        delivery.claim_batch, "__kwdefaults__", {"size": 3, "respect_backoff": True}
    )


def statuses(issue: Issue) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in IssueDelivery.objects.filter(issue=issue).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_a_crash_mid_batch_then_resume_sends_the_rest_once(
    smtp_server: SMTPServer,
    facilitator: Member,
    readers: list[Member],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    issue = make_issue(facilitator)
    monkeypatch.setattr(smtplib.SMTP, "sendmail", dying_after(5))

    with django_capture_on_commit_callbacks(execute=True):
        assert start_sending(facilitator, issue.pk)

    # Two batches: three mails, then two of the next three before the worker died.
    assert len(smtp_server.received) == 5
    assert statuses(issue) == {"sent": 5, "sending": 1, "pending": 5}

    # Resumed at once: the dead batch's claim is still fresh, so only the untouched
    # rows go out; the issue waits for the claim to go stale.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("resume_newsletters", stdout=StringIO())
    assert statuses(issue) == {"sent": 10, "sending": 1}
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENDING

    later = timezone.now() + delivery.stale_after() + timedelta(seconds=1)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("resume_newsletters", stdout=StringIO())

    assert copies_per_recipient(smtp_server) == {member.email: 1 for member in readers}
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert statuses(issue) == {"sent": len(readers)}


class Queue:
    """The database queue as its worker sees it: ready tasks in order, deferred ones once
    their time has come; a task whose worker was killed is never run again."""

    def __init__(self) -> None:
        self.done: set[str] = set()

    def ready(self) -> Iterator[TaskResult[Any]]:
        now = timezone.now()
        for result in list(default_task_backend.results):  # type: ignore[attr-defined]  # DummyBackend
            run_after = result.task.run_after
            if result.id not in self.done and (run_after is None or run_after <= now):
                yield result

    def deferred(self) -> list[TaskResult[Any]]:
        return [
            r
            for r in default_task_backend.results  # type: ignore[attr-defined]  # DummyBackend
            if r.id not in self.done and r.task.run_after is not None
        ]

    def work(self) -> int:
        """Run every ready task (and the ones they queue); how many ran."""
        ran = 0
        while (result := next(self.ready(), None)) is not None:
            self.done.add(result.id)
            ran += 1
            try:
                result.task.call(*result.args, **result.kwargs)
            except WorkerKilled:
                continue  # the worker restarts; its task stays "running" for ever
        return ran


@pytest.fixture
def queue(settings: Any) -> Queue:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    return Queue()


def test_a_killed_worker_leaves_the_next_batch_queued_and_stale_claims_are_resent(
    smtp_server: SMTPServer,
    facilitator: Member,
    readers: list[Member],
    queue: Queue,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    issue = make_issue(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        assert start_sending(facilitator, issue.pk)
    monkeypatch.setattr(smtplib.SMTP, "sendmail", dying_after(4))

    # The worker dies in the second batch, one mail of it out; the task it queued before
    # claiming that batch is run by the restarted worker, and so on to the last batch.
    queue.work()

    assert statuses(issue) == {"sent": len(readers) - 2, "sending": 2}
    waiting = queue.deferred()
    assert len(waiting) == 1
    abandoned = IssueDelivery.objects.filter(issue=issue, status=DeliveryStatus.SENDING)
    claimed_at = abandoned.values_list("claimed_at", flat=True)[0]
    assert waiting[0].task.run_after == claimed_at + delivery.stale_after()

    # Once the claim is stale the waiting task sends the two mails the dead worker never
    # sent (and queues one more task, which finds the issue done).
    with time_machine.travel(waiting[0].task.run_after + timedelta(seconds=1), tick=False):
        assert queue.work() == 2

    assert copies_per_recipient(smtp_server) == {member.email: 1 for member in readers}
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENT
    assert not list(queue.ready())
