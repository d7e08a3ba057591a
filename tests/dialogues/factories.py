"""Dialogue test data: a dialogue with its forum and window, as the services build them."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta
from typing import Any

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue
from tests.factories import make_facilitator, make_forum


def window(opens_on: date, closes_on: date, zone: str) -> tuple[datetime, datetime]:
    """UTC instants from the start of the first day to the end of the last, in `zone`."""
    tz = zoneinfo.ZoneInfo(zone)
    opens_at = datetime.combine(opens_on, time(0), tz)
    closes_at = datetime.combine(closes_on + timedelta(days=1), time(0), tz)
    return opens_at.astimezone(zoneinfo.ZoneInfo("UTC")), closes_at.astimezone(
        zoneinfo.ZoneInfo("UTC")
    )


def make_dialogue(
    *,
    number: int = 10,
    title: str = "Intersectionality in gender training",
    opens_on: date,
    closes_on: date,
    time_zone: str = "Europe/Madrid",
    created_by: Member | None = None,
    **fields: Any,
) -> Dialogue:
    opens_at, closes_at = window(opens_on, closes_on, time_zone)
    forum = make_forum(
        title=f"{number}. {title}",
        slug=f"dialogue-{number}",
        opens_at=opens_at,
        closes_at=closes_at,
    )
    fields.setdefault("summary", "How do we bring intersectionality into our trainings?")
    return Dialogue.objects.create(
        number=number,
        slug=f"{number}-dialogue",
        title=title,
        forum=forum,
        time_zone=time_zone,
        opens_on=opens_on,
        closes_on=closes_on,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=created_by or make_facilitator(),
        **fields,
    )
