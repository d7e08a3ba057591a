"""Helpers for the page tests: a rich dialogue with threads, events, speakers, materials."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.core.models import Theme
from tertulia.dialogues.models import Dialogue, DialogueMaterial, DialogueSpeaker, MaterialKind
from tests.dialogues.factories import make_dialogue
from tests.events.factories import make_event, make_speaker
from tests.factories import add_post, make_thread


def dialogue_url(dialogue: Dialogue) -> str:
    return f"/dialogues/{dialogue.number}/{dialogue.slug}/"


def open_dialogue(*, number: int = 10, facilitator: Member | None = None) -> Dialogue:
    """A dialogue open today, three weeks long."""
    today = timezone.localdate()
    return make_dialogue(
        number=number,
        title=f"Dialogue number {number}",
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=17),
        created_by=facilitator,
    )


def fill(dialogue: Dialogue, rows: int) -> None:
    """`rows` of everything the page lists: threads, events with speakers, experts,
    materials, themes, facilitators."""
    for index in range(rows):
        thread = make_thread(forum=dialogue.forum, title=f"Thread {index}")
        add_post(thread=thread, body=f"Reply {index}")
        speaker = make_speaker(name=f"Expert {index}", organisation="Network")
        DialogueSpeaker.objects.create(dialogue=dialogue, speaker=speaker, position=index)
        event = make_event(title=f"Webinar {index}", recording_url="https://video.example.org/1")
        event.event_speakers.create(speaker=speaker, position=0)
        dialogue.events.add(event)
        DialogueMaterial.objects.create(
            dialogue=dialogue,
            kind=MaterialKind.RECORDING,
            title=f"Recording {index}",
            url="https://video.example.org/1",
            position=index,
        )
        theme, _created = Theme.objects.get_or_create(
            slug=f"theme-{index}", defaults={"name_en": f"Theme {index}"}
        )
        dialogue.themes.add(theme)
