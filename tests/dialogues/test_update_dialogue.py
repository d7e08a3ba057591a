"""Editing a dialogue: its forum follows the new title, summary, languages and days."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue, DialogueSpeaker
from tertulia.dialogues.services.dialogues import NewSpeaker, update_dialogue
from tertulia.forums.models import Forum
from tests.dialogues.factories import create, pdf_upload
from tests.events.factories import make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_moving_the_days_moves_the_forum_window(facilitator: Member) -> None:
    dialogue = create(facilitator)

    dialogue = update_dialogue(
        facilitator,
        dialogue,
        opens_on=date(2030, 10, 2),
        closes_on=date(2030, 10, 30),
        time_zone="America/Santo_Domingo",
    )

    forum = Forum.objects.get(pk=dialogue.forum_id)
    assert dialogue.opens_at == datetime(2030, 10, 2, 4, 0, tzinfo=UTC)  # 00:00 AST
    assert dialogue.closes_at == datetime(2030, 10, 31, 4, 0, tzinfo=UTC)
    assert (forum.opens_at, forum.closes_at) == (dialogue.opens_at, dialogue.closes_at)


def test_the_forum_follows_the_title_number_summary_and_languages(facilitator: Member) -> None:
    dialogue = create(facilitator)

    update_dialogue(
        facilitator,
        dialogue,
        number=12,
        title="Intersectionality in training",
        summary="What, why and how of intersectionality.",
        languages=["en", "fr"],
    )

    stored = Dialogue.objects.select_related("forum").get(pk=dialogue.pk)
    assert stored.forum.title == "12. Intersectionality in training"
    assert stored.forum.slug == "dialogue-12"
    assert stored.forum.description == "What, why and how of intersectionality."
    assert stored.forum.languages == ["en", "fr"]
    assert stored.slug == "intersectionality-in-training"
    assert stored.updated_at > dialogue.updated_at


def test_a_new_pdf_replaces_the_old_one_and_remove_drops_it(
    facilitator: Member, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    dialogue = create(facilitator, concept_note_pdf=pdf_upload("first.pdf"))
    old_name = dialogue.concept_note_pdf.name

    with django_capture_on_commit_callbacks(execute=True):
        dialogue = update_dialogue(facilitator, dialogue, concept_note_pdf=pdf_upload("second.pdf"))

    assert dialogue.concept_note_pdf_name == "second.pdf"
    assert not (tmp_path / old_name).exists()
    assert (tmp_path / dialogue.concept_note_pdf.name).exists()

    with django_capture_on_commit_callbacks(execute=True):
        dialogue = update_dialogue(facilitator, dialogue, remove_concept_note_pdf=True)

    assert not dialogue.concept_note_pdf
    assert dialogue.concept_note_pdf_name == ""
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_refused_change_leaves_the_dialogue_and_forum_as_they_were(facilitator: Member) -> None:
    dialogue = create(facilitator)
    create(facilitator, number=11, title="Another")

    with pytest.raises(ValidationError) as caught:
        update_dialogue(
            facilitator, dialogue, number=11, title="Changed", closes_on=date(2030, 1, 1)
        )

    assert set(caught.value.message_dict) == {"number", "closes_on"}
    stored = Dialogue.objects.select_related("forum").get(pk=dialogue.pk)
    assert stored.title == dialogue.title
    assert stored.forum.title == dialogue.forum.title
    assert stored.forum.closes_at == dialogue.closes_at


def test_guest_experts_can_be_added_while_keeping_the_others(facilitator: Member) -> None:
    lucy = make_speaker(name="Lucy Ferguson")
    dialogue = create(facilitator, speakers=[lucy])

    update_dialogue(facilitator, dialogue, new_speakers=[NewSpeaker(name="Anand Pawar")])

    names = [row.speaker.name for row in DialogueSpeaker.objects.filter(dialogue=dialogue)]
    assert names == ["Lucy Ferguson", "Anand Pawar"]


def test_members_cannot_edit_dialogues(facilitator: Member, member: Member) -> None:
    dialogue = create(facilitator)

    with pytest.raises(PermissionDenied):
        update_dialogue(member, dialogue, title="Mine now")
