"""Background work: sending an issue, one batch per task (django-tasks).

With a real queue (the database backend and its worker, or RQ) each task sends one
batch. Before claiming its batch it enqueues the next task, so a worker killed while
sending leaves the rest of the issue queued, and several workers send batches side by
side. When nothing can be claimed yet (a batch still in flight, or rows waiting for a
retry) the task re-enqueues itself for the moment they become claimable; when nothing
is left it marks the issue sent.

With the immediate backend (tests, tiny installs without a worker) one task sends every
batch in turn, inside the request that started the sending.
"""

from __future__ import annotations

import time

from django.utils import timezone
from django_tasks import task

from tertulia.newsletters import delivery

# Pause between inline batches that had to retry (immediate backend only).
INLINE_RETRY_PAUSE_SECONDS = 0.5


@task()
def send_issue(issue_id: int) -> str:
    if send_issue.get_backend().supports_defer:
        return _send_one_batch(issue_id)
    return _send_every_batch(issue_id)


def _send_one_batch(issue_id: int) -> str:
    if not delivery.is_sending(issue_id):
        return "not sending"
    delivery.list_recipients(issue_id)
    now = timezone.now()
    if delivery.has_claimable(issue_id, now):
        # Queued before this batch is claimed: if this worker dies while sending it,
        # the next task is already waiting for a worker.
        send_issue.enqueue(issue_id)
        report = delivery.run_batch(issue_id)
        delivery.finish_if_done(issue_id)
        return str(report)
    if delivery.finish_if_done(issue_id):
        return "sent"
    wake_up = delivery.next_wake_up(issue_id, now)
    if wake_up is not None:
        send_issue.using(run_after=wake_up).enqueue(issue_id)
    return "waiting"


def _send_every_batch(issue_id: int) -> str:
    total = delivery.BatchReport()
    while True:
        report = delivery.run_batch(issue_id, respect_backoff=False)
        if not report.claimed:
            break
        total.add(report)
        if report.retried:
            time.sleep(INLINE_RETRY_PAUSE_SECONDS)
    delivery.finish_if_done(issue_id)
    return str(total)


def queue_issue_sending(issue_id: int) -> None:
    """Called after commit by the sending services."""
    send_issue.enqueue(issue_id)
