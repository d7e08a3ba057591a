"""Creating a dialogue: its forum comes with it, with the dialogue's window."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tertulia.accounts.models import Member
from tertulia.core.models import Theme
from tertulia.dialogues.models import Dialogue, DialogueSpeaker
from tertulia.dialogues.services.dialogues import NewSpeaker, create_dialogue
from tertulia.events.models import Speaker
from tertulia.forums.models import Access, Forum
from tests.dialogues.factories import create, dialogue_fields, pdf_upload
from tests.events.factories import make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_a_dialogue_is_created_with_its_forum_open_on_its_days(facilitator: Member) -> None:
    dialogue = create(facilitator)

    forum = dialogue.forum
    assert dialogue.opens_at == datetime(2030, 4, 23, 22, 0, tzinfo=UTC)
    assert dialogue.closes_at == datetime(2030, 5, 14, 22, 0, tzinfo=UTC)
    assert (forum.opens_at, forum.closes_at) == (dialogue.opens_at, dialogue.closes_at)
    assert forum.title == "10. Understanding change through training for gender equality"
    assert forum.slug == "dialogue-10"
    assert forum.description == dialogue.summary
    assert forum.languages == ["en", "es"]
    assert forum.write_access == Access.MEMBERS
    assert forum.read_access == Access.EVERYONE


def test_the_concept_note_is_rendered_and_key_questions_kept_one_per_line(
    facilitator: Member,
) -> None:
    dialogue = create(facilitator)

    assert "<strong>change</strong>" in dialogue.concept_note_html
    assert dialogue.key_questions == [
        "What kinds of change can training achieve?",
        "How can we assess it?",
    ]
    assert dialogue.slug == "understanding-change-through-training-for-gender-equality"
    assert list(dialogue.facilitators.all()) == [facilitator]
    assert dialogue.created_by == facilitator


def test_themes_facilitators_and_guest_experts_are_kept_in_order(
    facilitator: Member, staff: Member
) -> None:
    theme = Theme.objects.create(slug="evaluation", name_en="Evaluation", name_es="Evaluación")
    second, first = make_speaker(name="Anand Pawar"), make_speaker(name="Lucy Ferguson")

    dialogue = create(
        facilitator,
        themes=[theme],
        facilitators=[facilitator, staff],
        speakers=[first, second],
        new_speakers=[NewSpeaker(name="Jane Kato-Wallace", organisation="Promundo")],
    )

    names = [row.speaker.name for row in DialogueSpeaker.objects.filter(dialogue=dialogue)]
    assert names == ["Lucy Ferguson", "Anand Pawar", "Jane Kato-Wallace"]
    assert Speaker.objects.get(name="Jane Kato-Wallace").organisation == "Promundo"
    assert set(dialogue.facilitators.all()) == {facilitator, staff}
    assert list(dialogue.themes.all()) == [theme]


def test_the_pdf_is_stored_under_a_generated_name_with_its_original_name_kept(
    facilitator: Member,
) -> None:
    dialogue = create(facilitator, concept_note_pdf=pdf_upload("Nota conceptual — 10.pdf"))

    assert dialogue.concept_note_pdf_name == "Nota conceptual — 10.pdf"
    assert dialogue.concept_note_pdf.name.startswith("dialogues/")
    assert "Nota" not in dialogue.concept_note_pdf.name
    assert dialogue.concept_note_pdf.name.endswith(".pdf")
    with dialogue.concept_note_pdf.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")


def test_a_file_that_is_not_a_pdf_is_refused_at_its_field(
    facilitator: Member, tmp_path: Path
) -> None:
    word = pdf_upload("note.pdf", b"PK\x03\x04 not really a zip")

    with pytest.raises(ValidationError) as caught:
        create(facilitator, concept_note_pdf=word)

    assert "concept_note_pdf" in caught.value.message_dict
    assert not Dialogue.objects.exists()
    assert not Forum.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_number_already_used_is_refused_with_a_clear_message(facilitator: Member) -> None:
    create(facilitator)

    with pytest.raises(ValidationError) as caught:
        create(facilitator, title="Another topic")

    message = caught.value.message_dict["number"][0]
    assert "10th Virtual Dialogue already exists" in message
    assert "Understanding change" in message
    assert Dialogue.objects.count() == 1
    assert Forum.objects.count() == 1


def test_every_problem_is_reported_at_its_field_and_nothing_is_saved(facilitator: Member) -> None:
    with pytest.raises(ValidationError) as caught:
        create_dialogue(
            facilitator,
            **dialogue_fields(
                number=0,
                title="  ",
                summary="",
                time_zone="Mars/Olympus_Mons",
                opens_on=date(2030, 5, 14),
                closes_on=date(2030, 4, 24),
                languages=["xx"],
                key_questions="x" * 600,
            ),
        )

    errors = caught.value.message_dict
    assert set(errors) == {
        "number", "title", "summary", "time_zone", "closes_on", "languages", "key_questions",
    }  # fmt: skip
    assert "cannot come before the first day" in errors["closes_on"][0]
    assert "Mars/Olympus_Mons" in errors["time_zone"][0]
    assert not Forum.objects.exists()


def test_a_bad_new_guest_expert_leaves_nothing_behind(facilitator: Member) -> None:
    with pytest.raises(ValidationError) as caught:
        create(facilitator, new_speakers=[NewSpeaker(name="")])

    assert "speaker_name" in caught.value.message_dict
    assert not Dialogue.objects.exists()
    assert not Forum.objects.exists()


def test_members_cannot_create_dialogues(member: Member) -> None:
    with pytest.raises(PermissionDenied):
        create(member)
    assert not Forum.objects.exists()


def test_two_dialogues_with_the_same_title_get_different_slugs(facilitator: Member) -> None:
    first = create(facilitator)
    second = create(facilitator, number=11)

    assert first.slug != second.slug
    assert second.forum.slug == "dialogue-11"
