"""The summary: written by facilitators, read by everyone once published."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue
from tertulia.dialogues.services.summaries import save_summary
from tests.dialogues.factories import create
from tests.dialogues.test_dialogue_window_posting import AFTER

pytestmark = pytest.mark.django_db

SUMMARY = "Participants agreed that **change** must be measured months later."


@pytest.fixture
def dialogue(facilitator: Member) -> Dialogue:
    return create(facilitator)


def page(client: Client, dialogue: Dialogue) -> str:
    return client.get(f"/dialogues/{dialogue.number}/{dialogue.slug}/").content.decode()


def test_a_draft_is_for_facilitators_and_publishing_shows_it_to_everyone(
    dialogue: Dialogue, facilitator: Member, client: Client
) -> None:
    with time_machine.travel(AFTER, tick=False):
        draft = save_summary(facilitator, dialogue, text=SUMMARY)
        facilitator_client = Client()
        facilitator_client.force_login(facilitator)
        as_visitor = page(client, dialogue)
        as_facilitator = page(facilitator_client, dialogue)

        published = save_summary(facilitator, draft, text=SUMMARY, publish=True)
        after_publishing = page(client, dialogue)

    assert draft.summary_published_at is None
    assert "<strong>change</strong>" in draft.summary_html
    assert "measured months later" not in as_visitor
    assert "measured months later" in as_facilitator
    assert "Draft: only facilitators see it" in as_facilitator
    assert published.summary_published_at == AFTER
    assert "measured months later" in after_publishing


def test_editing_a_published_summary_keeps_it_published_until_taken_back(
    dialogue: Dialogue, facilitator: Member
) -> None:
    published = save_summary(facilitator, dialogue, text=SUMMARY, publish=True)
    edited = save_summary(facilitator, published, text=SUMMARY + " And more.")
    taken_back = save_summary(facilitator, edited, text=edited.summary_text, publish=False)

    assert edited.summary_published_at == published.summary_published_at
    assert taken_back.summary_published_at is None


def test_an_empty_summary_cannot_be_published(dialogue: Dialogue, facilitator: Member) -> None:
    with pytest.raises(ValidationError, match="Write the summary"):
        save_summary(facilitator, dialogue, text="  ", publish=True)


def test_members_cannot_write_the_summary(dialogue: Dialogue, member: Member) -> None:
    with pytest.raises(PermissionDenied):
        save_summary(member, dialogue, text="My own summary")


def test_the_summary_page_saves_and_publishes(
    dialogue: Dialogue, facilitator_client: Client
) -> None:
    response = facilitator_client.post(
        f"/dialogues/{dialogue.number}/summary/", {"text": SUMMARY, "action": "publish"}
    )

    dialogue.refresh_from_db()
    assert response.status_code == 302
    assert dialogue.summary_published_at is not None
