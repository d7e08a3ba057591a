"""A dialogue's status follows the clock: announced, open, closed."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.dialogues.models import DialogueStatus
from tests.dialogues.factories import create
from tests.dialogues.test_dialogue_window_posting import AFTER, BEFORE, FIRST_MINUTE, LAST_MINUTE

pytestmark = pytest.mark.django_db


def test_status_changes_exactly_at_the_window_edges(facilitator: Member) -> None:
    dialogue = create(facilitator)

    assert dialogue.status(BEFORE) == DialogueStatus.ANNOUNCED
    assert dialogue.status(FIRST_MINUTE) == DialogueStatus.OPEN
    assert dialogue.status(LAST_MINUTE) == DialogueStatus.OPEN
    assert dialogue.status(AFTER) == DialogueStatus.CLOSED


def test_the_list_moves_the_dialogue_from_upcoming_to_open_to_the_archive(
    client: Client, facilitator: Member
) -> None:
    dialogue = create(facilitator)
    title = dialogue.title

    with time_machine.travel(BEFORE, tick=False):
        announced = client.get("/dialogues/").content.decode()
    with time_machine.travel(FIRST_MINUTE, tick=False):
        open_now = client.get("/dialogues/").content.decode()
    with time_machine.travel(AFTER, tick=False):
        closed = client.get("/dialogues/").content.decode()
        archive = client.get("/dialogues/archive/").content.decode()

    upcoming_section = announced.split('id="upcoming-heading"')[1]
    assert title in upcoming_section
    assert title not in announced.split('id="upcoming-heading"')[0]
    assert title in open_now.split('id="open-heading"')[1].split('id="upcoming-heading"')[0]
    assert "No dialogue is open at the moment." in closed
    assert title in archive


def test_an_announced_dialogue_says_save_the_date_in_the_viewers_zone(
    facilitator: Member, member: Member
) -> None:
    dialogue = create(facilitator)
    member.time_zone = "America/New_York"
    member.save()
    client = Client()

    with time_machine.travel(BEFORE, tick=False):
        client.force_login(member)  # inside the frozen time, so the session is not expired
        page = client.get(f"/dialogues/{dialogue.number}/{dialogue.slug}/").content.decode()

    assert "Save the date" in page
    # 00:00 on 24 April in Madrid is 18:00 on 23 April in New York.
    assert "From April 23, 2030 to May 14, 2030" in page
    assert "April 23, 2030, 18:00 EDT" in page
    assert "May 14, 2030, 18:00 EDT" in page
    assert "In Madrid: April 24, 2030 to May 14, 2030." in page
