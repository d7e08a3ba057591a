"""Events and virtual dialogues are found by their text, speakers and summaries."""

from __future__ import annotations

from datetime import date

import pytest

from tertulia.events.models import EventSpeaker
from tests.dialogues.factories import make_dialogue
from tests.events.factories import make_event, make_speaker
from tests.search.conftest import titles, urls

pytestmark = pytest.mark.django_db


def test_event_found_by_title_description_place_and_speaker() -> None:
    event = make_event(
        title="Gender-responsive budgeting in practice",
        description="How ministries **track** spending.",
        place="Dakar",
    )
    EventSpeaker.objects.create(event=event, speaker=make_speaker(name="Clemencia Muñoz"))
    for text in ("budgeting", "ministries", "dakar", "clemencia munoz"):
        assert titles(text) == ["Gender-responsive budgeting in practice"], text
    assert urls("budgeting")[0].startswith(f"/events/{event.pk}/")


def test_event_edits_speaker_renames_and_deletion_follow() -> None:
    event = make_event(title="Care work webinar")
    speaker = make_speaker(name="Naila Kabeer")
    EventSpeaker.objects.create(event=event, speaker=speaker)
    speaker.name = "Naila Kabeer-Rahman"
    speaker.save()
    assert titles("rahman") == ["Care work webinar"]
    event.title = "Unpaid care webinar"
    event.save()
    assert titles("unpaid") == ["Unpaid care webinar"]
    event.delete()
    assert urls("unpaid") == []


def test_dialogue_found_by_summary_and_concept_note() -> None:
    dialogue = make_dialogue(
        number=12,
        title="Intersectionality in gender training",
        summary="Bringing intersectionality into our trainings.",
        concept_note_html="<p>Participants from <em>Latin America</em> discuss.</p>",
        opens_on=date(2025, 4, 24),
        closes_on=date(2025, 5, 14),
        languages=["en", "es"],
    )
    assert titles("latin america") == ["Intersectionality in gender training"]
    assert urls("trainings")[0].startswith("/dialogues/12/")
    dialogue.delete()
    assert urls("intersectionality") == []
