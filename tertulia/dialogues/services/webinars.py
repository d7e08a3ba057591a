"""A dialogue's webinars and other events.

The events app knows nothing of dialogues: a dialogue creates its webinar through the
events service (which checks times, zones and speakers) and links it in the same
transaction. A dialogue may have several webinars, e.g. one in English and one in
Spanish on different days, each with its own registrations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue, DialogueSpeaker
from tertulia.dialogues.permissions import check_manage_dialogues
from tertulia.dialogues.services.dialogues import NewSpeaker, speaker_errors, touch_dialogue
from tertulia.events.models import Event, Speaker
from tertulia.events.permissions import check_manage_event
from tertulia.events.services.events import create_event, create_speaker


def add_dialogue_event(
    actor: Member,
    dialogue: Dialogue,
    *,
    new_speaker: NewSpeaker | None = None,
    **event_fields: Any,
) -> Event:
    """Create an event with the events service (same keywords as `create_event`) and
    link it to the dialogue; nothing is kept if any step fails.

    `new_speaker` creates a guest expert first and adds them to the event's speakers.
    The event's speakers become guest experts of the dialogue too, after the others.
    """
    check_manage_dialogues(actor)
    speakers: list[Speaker] = list(event_fields.pop("speakers", ()))
    with transaction.atomic():
        if new_speaker is not None:
            try:
                speakers.append(create_speaker(actor, **asdict(new_speaker)))
            except ValidationError as error:
                raise speaker_errors(error) from None
        event = create_event(actor, speakers=speakers, **event_fields)
        dialogue.events.add(event)
        _add_guest_experts(dialogue, speakers)
        touch_dialogue(dialogue)
    return event


def _add_guest_experts(dialogue: Dialogue, speakers: Sequence[Speaker]) -> None:
    known = set(
        DialogueSpeaker.objects.filter(dialogue=dialogue).values_list("speaker_id", flat=True)
    )
    last = DialogueSpeaker.objects.filter(dialogue=dialogue).aggregate(last=Max("position"))["last"]
    position = -1 if last is None else last
    for speaker in speakers:
        if speaker.pk in known:
            continue
        position += 1
        known.add(speaker.pk)
        DialogueSpeaker.objects.create(dialogue=dialogue, speaker=speaker, position=position)


def link_dialogue_event(actor: Member, dialogue: Dialogue, event: Event) -> None:
    """Link an event that already exists (an interview of the series, a launch)."""
    check_manage_dialogues(actor)
    check_manage_event(actor, event)
    if dialogue.events.filter(pk=event.pk).exists():
        raise ValidationError(
            {"event": _("“%(title)s” is already linked to this dialogue.") % {"title": event.title}}
        )
    with transaction.atomic():
        dialogue.events.add(event)
        touch_dialogue(dialogue)


def unlink_dialogue_event(actor: Member, dialogue: Dialogue, event: Event) -> None:
    """Remove the link; the event itself and its registrations stay."""
    check_manage_dialogues(actor)
    with transaction.atomic():
        dialogue.events.remove(event)
        touch_dialogue(dialogue)
