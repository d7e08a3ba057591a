"""Background work for dialogues (django-tasks): announcing a dialogue when it opens.

A dialogue's creation, or a change of its days, queues `announce_dialogue_opening`
with `run_after` = the opening instant when the backend can defer (the database backend
and its worker). With a backend that cannot (the immediate one), nothing is queued and
the cron command `tertulia open-dialogues` announces it. A task queued for days that
later moved finds the dialogue not open (or already announced) and tells nobody.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django_tasks import task

from tertulia.dialogues.services import openings


@task()
def announce_dialogue_opening(dialogue_id: int) -> int:
    return openings.announce_dialogue_opening(dialogue_id)


def schedule_opening_announcement(
    dialogue_id: int, opens_at: datetime, closes_at: datetime
) -> bool:
    """Queue the announcement for the opening instant; False when nothing was queued
    (backend cannot defer, or the window is already over or opened long ago)."""
    if not announce_dialogue_opening.get_backend().supports_defer:
        return False
    now = timezone.now()
    if closes_at <= now or opens_at <= now - openings.ANNOUNCE_WITHIN:
        return False
    announce_dialogue_opening.using(run_after=max(opens_at, now)).enqueue(dialogue_id)
    return True
