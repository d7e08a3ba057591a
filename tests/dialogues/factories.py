"""Dialogue test data: a dialogue with its forum and window, as the services build them."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue
from tertulia.dialogues.services.dialogues import create_dialogue
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


# --- Through the services ---------------------------------------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(
    name: str = "Nota conceptual — cambio.pdf", data: bytes = PDF_BYTES
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def dialogue_fields(**overrides: Any) -> dict[str, Any]:
    """Keyword arguments for create_dialogue: the 10th dialogue, 24 April to 14 May 2030."""
    fields: dict[str, Any] = {
        "number": 10,
        "title": "Understanding change through training for gender equality",
        "summary": "What kinds of change can training for gender equality achieve?",
        "time_zone": "Europe/Madrid",
        "opens_on": date(2030, 4, 24),
        "closes_on": date(2030, 5, 14),
        "concept_note": "## Why this dialogue\n\nTraining is meant to **change** practice.",
        "key_questions": "What kinds of change can training achieve?\n\nHow can we assess it?\n",
        "languages": ["en", "es"],
    }
    fields.update(overrides)
    return fields


def create(actor: Member | None = None, **overrides: Any) -> Dialogue:
    """A dialogue made by the real service, as a facilitator would."""
    return create_dialogue(actor or make_facilitator(), **dialogue_fields(**overrides))
