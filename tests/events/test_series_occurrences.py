"""Each occurrence of a series is a real event: moved, given another speaker or
cancelled alone, without touching the others."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tertulia.accounts.models import Member
from tertulia.events.models import Event, EventKind, EventStatus
from tertulia.events.services.series import (
    cancel_occurrence,
    create_series,
    move_occurrence,
    set_occurrence_speakers,
    update_occurrence,
)
from tests.events.factories import make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def occurrences(facilitator: Member) -> list[Event]:
    with time_machine.travel(datetime(2026, 1, 5, tzinfo=UTC), tick=False):
        _series, events = create_series(
            facilitator,
            title="Lectures on care work",
            kind=EventKind.LECTURE,
            language="en",
            languages=["en", "es"],
            time_zone="Europe/Madrid",
            first_start_local=datetime(2026, 2, 5, 18, 0),
            duration_minutes=90,
            rrule="FREQ=WEEKLY;COUNT=3",
        )
    return events


def test_moving_one_occurrence_keeps_its_length_and_leaves_the_others(
    facilitator: Member, occurrences: list[Event]
) -> None:
    first, second, third = occurrences

    move_occurrence(facilitator, second, starts_local=datetime(2026, 2, 13, 17, 0))

    assert second.starts_at == datetime(2026, 2, 13, 16, 0, tzinfo=UTC)
    assert second.ends_at == datetime(2026, 2, 13, 17, 30, tzinfo=UTC)
    assert second.sequence == 1
    first.refresh_from_db()
    third.refresh_from_db()
    assert first.sequence == third.sequence == 0
    assert first.starts_at == datetime(2026, 2, 5, 17, 0, tzinfo=UTC)


def test_a_moved_occurrence_follows_the_strict_rule(
    facilitator: Member, occurrences: list[Event]
) -> None:
    with pytest.raises(ValidationError) as caught:
        move_occurrence(facilitator, occurrences[0], starts_local=datetime(2026, 3, 29, 2, 30))
    assert "does not exist" in caught.value.message_dict["starts_local"][0]


def test_one_occurrence_gets_its_own_speaker(facilitator: Member, occurrences: list[Event]) -> None:
    guest = make_speaker(name="Lourdes Benería")

    set_occurrence_speakers(facilitator, occurrences[1], speakers=[guest])
    set_occurrence_speakers(facilitator, occurrences[2], speakers=[], speakers_to_be_confirmed=True)

    assert list(occurrences[1].speakers.all()) == [guest]
    assert occurrences[2].speakers_to_be_confirmed
    assert not occurrences[0].speakers.exists()


def test_one_occurrence_in_spanish(facilitator: Member, occurrences: list[Event]) -> None:
    update_occurrence(facilitator, occurrences[1], language="es", title="Clases sobre cuidados")
    occurrences[0].refresh_from_db()
    assert (occurrences[1].language, occurrences[0].language) == ("es", "en")


def test_cancelling_one_occurrence(facilitator: Member, occurrences: list[Event]) -> None:
    cancel_occurrence(facilitator, occurrences[1])
    assert [Event.objects.get(pk=e.pk).status for e in occurrences] == [
        EventStatus.SCHEDULED, EventStatus.CANCELLED, EventStatus.SCHEDULED,
    ]  # fmt: skip
