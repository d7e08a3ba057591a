"""Digests without cron: a task that sends what is due and books its own next run.

With a task backend that can defer (`supports_defer`: the database backend and its
worker, RQ), `send_digests` re-enqueues itself for the next quarter hour before it
works, so a run that fails does not end the chain; `tertulia send-digests --schedule`
starts the chain once after deployment. Each slot is booked through `cache.add`, so a
second chain (the command run twice) dies at its next slot wherever the cache is shared
(Redis, or one worker process); should two chains run anyway, each digest is still sent
once (services.py). Without deferral, run `tertulia send-digests` from cron instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from tertulia.newsletters.digests import services

RUN_EVERY = timedelta(minutes=15)
_SLOT_KEY = "newsletters:digests:run:{slot}"


def next_run_at(now: datetime) -> datetime:
    """The next quarter hour strictly after `now` (07:00, 07:15, ...)."""
    step = int(RUN_EVERY.total_seconds() // 60)
    hour = now.replace(minute=0, second=0, microsecond=0)
    return hour + timedelta(minutes=(now.minute // step + 1) * step)


def schedule_next_run(now: datetime) -> datetime | None:
    """Book the run after `now`; None when the backend cannot defer or the slot is taken."""
    if not send_digests.get_backend().supports_defer:
        return None
    run_after = next_run_at(now)
    slot_key = _SLOT_KEY.format(slot=run_after.isoformat())
    if not cache.add(slot_key, True, timeout=int((RUN_EVERY * 8).total_seconds())):
        return None
    send_digests.using(run_after=run_after).enqueue()
    return run_after


@task()
def send_digests() -> dict[str, int]:
    now = timezone.now()
    schedule_next_run(now)
    return {str(outcome): count for outcome, count in services.send_due_digests(now).items()}
