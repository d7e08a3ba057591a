"""A dialogue's webinars: created through the events service and linked, or linked later."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue, DialogueSpeaker
from tertulia.dialogues.services.dialogues import NewSpeaker
from tertulia.dialogues.services.webinars import (
    add_dialogue_event,
    link_dialogue_event,
    unlink_dialogue_event,
)
from tertulia.events.models import Event, EventKind, Speaker
from tests.dialogues.factories import create
from tests.events.factories import make_event, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(facilitator: Member) -> Dialogue:
    return create(facilitator)


def webinar(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "title": "Webinar: understanding change",
        "kind": EventKind.WEBINAR,
        "language": "en",
        "time_zone": "Europe/Madrid",
        "starts_local": datetime(2030, 5, 3, 15, 0),
        "ends_local": datetime(2030, 5, 3, 16, 0),
    }
    fields.update(overrides)
    return fields


def test_a_webinar_is_created_and_linked_to_the_dialogue(
    dialogue: Dialogue, facilitator: Member
) -> None:
    lucy = make_speaker(name="Lucy Ferguson")

    event = add_dialogue_event(facilitator, dialogue, speakers=[lucy], **webinar())

    assert list(dialogue.events.all()) == [event]
    assert event.starts_at == datetime(2030, 5, 3, 13, 0, tzinfo=UTC)  # 15:00 CEST
    assert event.organiser == facilitator
    # The webinar's speakers are the dialogue's guest experts too.
    assert [row.speaker for row in DialogueSpeaker.objects.filter(dialogue=dialogue)] == [lucy]


def test_two_webinars_in_two_languages_each_keep_their_own_event(
    dialogue: Dialogue, facilitator: Member
) -> None:
    english = add_dialogue_event(facilitator, dialogue, **webinar())
    spanish = add_dialogue_event(
        facilitator,
        dialogue,
        **webinar(
            title="Webinario: entender el cambio",
            language="es",
            starts_local=datetime(2030, 5, 8, 17, 0),
            ends_local=datetime(2030, 5, 8, 18, 0),
        ),
    )

    assert list(dialogue.events.order_by("starts_at")) == [english, spanish]
    assert spanish.language == "es"


def test_a_new_guest_expert_is_created_with_the_webinar(
    dialogue: Dialogue, facilitator: Member
) -> None:
    event = add_dialogue_event(
        facilitator,
        dialogue,
        new_speaker=NewSpeaker(name="Elisabeth Hoffman", organisation="Genre en Action"),
        **webinar(),
    )

    speaker = Speaker.objects.get(name="Elisabeth Hoffman")
    assert list(event.speakers.all()) == [speaker]
    assert DialogueSpeaker.objects.filter(dialogue=dialogue, speaker=speaker).exists()


def test_a_refused_webinar_leaves_no_event_link_or_new_speaker(
    dialogue: Dialogue, facilitator: Member
) -> None:
    with pytest.raises(ValidationError):
        add_dialogue_event(
            facilitator,
            dialogue,
            new_speaker=NewSpeaker(name="Jane Kato-Wallace"),
            **webinar(ends_local=datetime(2030, 5, 3, 14, 0)),  # ends before it starts
        )

    assert not Event.objects.exists()
    assert not Speaker.objects.exists()
    assert not dialogue.events.exists()


def test_an_existing_event_is_linked_once_and_can_be_unlinked(
    dialogue: Dialogue, facilitator: Member
) -> None:
    interview = make_event(title="Interview with Anand Pawar", kind=EventKind.INTERVIEW)

    link_dialogue_event(facilitator, dialogue, interview)
    with pytest.raises(ValidationError, match="already linked"):
        link_dialogue_event(facilitator, dialogue, interview)
    assert list(dialogue.events.all()) == [interview]

    unlink_dialogue_event(facilitator, dialogue, interview)
    assert not dialogue.events.exists()
    assert Event.objects.filter(pk=interview.pk).exists()


def test_members_cannot_add_webinars(dialogue: Dialogue, member: Member) -> None:
    with pytest.raises(PermissionDenied):
        add_dialogue_event(member, dialogue, **webinar())
    assert not Event.objects.exists()
