"""Who is due for a digest at a given moment.

A member is due when their digest hour has come today on their own clock (schedule.py),
they have that digest at all (cadences.py), and its mail for today has not been claimed
yet — or was claimed and failed for now, with its next attempt due.

Members whose digest turned out empty get no mail row, so later runs that day look at
them again; their digest covers the same fixed period, so it stays empty unless
something held back (a post inside its edit window) became due meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from tertulia.newsletters.digests.cadences import Cadence, digest_choices
from tertulia.newsletters.digests.contents import Recipient
from tertulia.newsletters.digests.schedule import (
    due_period,
    idempotency_key,
    reached_hour_filter,
    recipients,
)
from tertulia.notifications.models import MailStatus, OutgoingMail

BATCH_SIZE = 250
_MEMBER_FIELDS = (
    "id",
    "email",
    "display_name",
    "time_zone",
    "interface_language",
    "role",
    "is_staff",
    "is_active",
)


def _blocked_keys(keys: list[str], now: datetime) -> set[str]:
    """Keys whose mail was sent, is being sent, gave up, or waits for a later attempt."""
    rows = OutgoingMail.objects.filter(idempotency_key__in=keys).values_list(
        "idempotency_key", "status", "next_attempt_at"
    )
    return {
        key
        for key, status, next_attempt_at in rows
        if status != MailStatus.PENDING or (next_attempt_at is not None and next_attempt_at > now)
    }


def due_recipient_batches(cadence: Cadence, now: datetime) -> Iterator[list[Recipient]]:
    """Members due for the `cadence` digest at `now`, in batches of BATCH_SIZE."""
    members = (
        recipients().filter(reached_hour_filter(cadence, now)).only(*_MEMBER_FIELDS).order_by("pk")
    )
    candidates = []
    for member in members.iterator(chunk_size=2000):
        hour: int = member.digest_hour_value  # type: ignore[attr-defined]  # annotated by recipients()
        period = due_period(cadence, now, member.time_zone, hour)
        if period is not None:
            candidates.append((member, period))
    for start in range(0, len(candidates), BATCH_SIZE):
        chunk = candidates[start : start + BATCH_SIZE]
        keys = {
            member.pk: idempotency_key(cadence, member.pk, period.local_day)
            for member, period in chunk
        }
        blocked = _blocked_keys(list(keys.values()), now)
        choices = digest_choices(member.pk for member, _period in chunk)
        batch = [
            Recipient(
                member=member,
                period=period,
                digest_format=member.digest_format_value,  # type: ignore[attr-defined]  # as above
                choices=choices[member.pk],
            )
            for member, period in chunk
            if keys[member.pk] not in blocked and choices[member.pk].has(cadence)
        ]
        if batch:
            yield batch
