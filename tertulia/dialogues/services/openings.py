"""Telling every member, once, that a virtual dialogue has opened.

A dialogue's status follows the clock (`Dialogue.status`), so nothing flips when its
window opens; the announcement is made by whichever comes first:

- the task a dialogue's creation or change of days queues with `run_after` = the
  opening instant, when the task backend can defer (`tertulia.dialogues.tasks`);
- `tertulia open-dialogues`, run from cron every few minutes, which announces every
  dialogue that is open now.

Each member gets one `Kind.DIALOGUE_OPENING` notification per dialogue: the dedupe key
`dialogue-open:<id>` makes a second run (or the cron command racing the task) write
nothing, and the query below skips the members already told, so a repeated run costs
one query per open dialogue. Members are walked in chunks by id, each chunk in its own
transaction (its mail leaves when the chunk commits), so thousands of members never sit
in one long transaction and an interrupted run resumes where it stopped.

Only a dialogue that opened in the last `ANNOUNCE_WITHIN` is announced: a dialogue
entered after the fact (an archive of past dialogues, a window typed in the past) does
not mail the whole community weeks late.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.dialogues.models import Dialogue
from tertulia.notifications.models import Delivery, Kind, Notification, NotificationPreference
from tertulia.notifications.services import notify

ANNOUNCE_WITHIN = timedelta(days=2)
CHUNK_SIZE = 500
SNIPPET_MAX = 300


def opening_key(dialogue_id: int) -> str:
    return f"dialogue-open:{dialogue_id}"


def is_announceable(dialogue: Dialogue, now: datetime) -> bool:
    """Open now, and opened recently enough to be news."""
    return dialogue.opens_at <= now < dialogue.closes_at and dialogue.opens_at > now - (
        ANNOUNCE_WITHIN
    )


def opening_snippet(dialogue: Dialogue) -> str:
    """The topic summary's first paragraph as one line of plain text (the summary is
    Markdown: rendered and stripped, so no asterisks reach the mail)."""
    first = dialogue.summary.strip().split("\n\n", 1)[0]
    line = " ".join(html.unescape(strip_tags(render_markdown(first))).split())
    if len(line) <= SNIPPET_MAX:
        return line
    return line[: SNIPPET_MAX - 1].rstrip() + "…"


def _members_to_tell(dialogue_id: int) -> QuerySet[Member]:
    """Active members not told yet. Those who turned the kind off are left out here only
    to keep repeated runs cheap; `notify()` decides for everyone else."""
    told = Notification.objects.filter(
        recipient=OuterRef("pk"), dedupe_key=opening_key(dialogue_id)
    )
    turned_off = NotificationPreference.objects.filter(
        member=OuterRef("pk"), kind=Kind.DIALOGUE_OPENING, scope="", delivery=Delivery.OFF
    )
    return (
        Member.objects.filter(is_active=True)
        .exclude(Exists(told))
        .exclude(Exists(turned_off))
        .order_by("pk")
    )


def announce_dialogue_opening(dialogue_id: int, now: datetime | None = None) -> int:
    """Tell every active member not yet told that this dialogue is open; returns how many
    were told by this call (0 when it is not open, or opened too long ago)."""
    now = now or timezone.now()
    dialogue = Dialogue.objects.filter(pk=dialogue_id).first()
    if dialogue is None or not is_announceable(dialogue, now):
        return 0
    url = reverse("dialogue-detail", kwargs={"number": dialogue.number, "slug": dialogue.slug})
    params = {"subject": dialogue.title}
    snippet = opening_snippet(dialogue)
    key = opening_key(dialogue.pk)
    pending = _members_to_tell(dialogue.pk)
    told = 0
    last_id = 0
    while True:
        chunk = list(pending.filter(pk__gt=last_id)[:CHUNK_SIZE])
        if not chunk:
            return told
        with transaction.atomic():
            for member in chunk:
                notification = notify(
                    member,
                    Kind.DIALOGUE_OPENING,
                    url=url,
                    params=params,
                    snippet=snippet,
                    group=f"dialogue:{dialogue.pk}",
                    dedupe_key=key,
                )
                told += notification is not None
        last_id = chunk[-1].pk


def announce_open_dialogues(now: datetime | None = None) -> int:
    """Announce every dialogue open now that opened recently (the cron path); returns
    how many members were told."""
    now = now or timezone.now()
    ids = Dialogue.objects.filter(
        opens_at__lte=now, closes_at__gt=now, opens_at__gt=now - ANNOUNCE_WITHIN
    ).values_list("pk", flat=True)
    return sum(announce_dialogue_opening(pk, now=now) for pk in list(ids))
