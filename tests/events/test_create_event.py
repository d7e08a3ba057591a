"""Creating a single event: times typed in the organiser's zone, stored in UTC; every
kind of bad input refused at its field with nothing saved."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tertulia.accounts.models import Member
from tertulia.events.models import Event, EventKind
from tertulia.events.services.events import create_event
from tests.events.factories import make_speaker

pytestmark = pytest.mark.django_db


def webinar(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": "Gender-responsive budgeting in practice",
        "kind": EventKind.WEBINAR,
        "language": "en",
        "time_zone": "Europe/Paris",
        "starts_local": datetime(2026, 5, 21, 15, 0),
        "ends_local": datetime(2026, 5, 21, 16, 0),
        "description": "We look at **three** budgets.",
        "join_url": "https://meet.example.org/budgets",
    }
    return {**fields, **overrides}


def errors_of(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return caught.value.message_dict


def test_a_facilitator_creates_an_event_stored_in_utc(facilitator: Member) -> None:
    speaker = make_speaker(name="Clemencia Muñoz")

    event = create_event(facilitator, **webinar(speakers=[speaker], capacity=40))

    event.refresh_from_db()
    assert event.starts_at == datetime(2026, 5, 21, 13, 0, tzinfo=UTC)
    assert event.ends_at == datetime(2026, 5, 21, 14, 0, tzinfo=UTC)
    assert event.time_zone == "Europe/Paris"
    assert event.organiser == facilitator
    assert event.capacity == 40
    assert event.sequence == 0
    assert event.slug == "gender-responsive-budgeting-in-practice"
    assert "<strong>three</strong>" in event.description_html
    assert list(event.speakers.all()) == [speaker]


def test_a_member_cannot_create_events(member: Member) -> None:
    with pytest.raises(PermissionDenied):
        create_event(member, **webinar())
    assert not Event.objects.exists()


def test_an_event_that_ends_before_it_starts_is_refused(facilitator: Member) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(facilitator, **webinar(ends_local=datetime(2026, 5, 21, 14, 0)))

    assert errors_of(caught) == {"ends_local": ["The event must end after it starts."]}
    assert not Event.objects.exists()


def test_a_start_in_the_spring_gap_is_refused_with_an_explanation(facilitator: Member) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(
            facilitator,
            **webinar(
                starts_local=datetime(2026, 3, 29, 2, 30),
                ends_local=datetime(2026, 3, 29, 4, 0),
            ),
        )

    assert errors_of(caught) == {
        "starts_local": [
            "02:30 does not exist on March 29, 2026 in Europe/Paris: clocks go forward "
            "from 02:00 to 03:00. Choose a time before 02:00 or from 03:00."
        ]
    }
    assert not Event.objects.exists()


def test_an_ambiguous_end_is_refused(facilitator: Member) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(
            facilitator,
            **webinar(
                time_zone="America/New_York",
                starts_local=datetime(2026, 10, 31, 23, 0),
                ends_local=datetime(2026, 11, 1, 1, 15),
            ),
        )
    assert list(errors_of(caught)) == ["ends_local"]
    assert "happens twice" in errors_of(caught)["ends_local"][0]


def test_an_unknown_zone_is_a_field_error(facilitator: Member) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(facilitator, **webinar(time_zone="Europe/Atlantis"))
    assert list(errors_of(caught)) == ["time_zone"]
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://files.example.org/x", "meet.example.org", "https://"]
)
def test_only_web_join_links_are_accepted(facilitator: Member, url: str) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(facilitator, **webinar(join_url=url))
    assert list(errors_of(caught)) == ["join_url"]


@pytest.mark.parametrize("capacity", [0, -3])
def test_capacity_is_at_least_one(facilitator: Member, capacity: int) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(facilitator, **webinar(capacity=capacity))
    assert list(errors_of(caught)) == ["capacity"]


def test_every_problem_is_reported_at_once(facilitator: Member) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(
            facilitator,
            **webinar(title="  ", kind="party", language="xx", description="x" * 20_001),
        )
    assert set(errors_of(caught)) == {"title", "kind", "language", "description"}
    assert not Event.objects.exists()


def test_an_in_person_event_has_a_place_and_no_link(facilitator: Member) -> None:
    event = create_event(
        facilitator, **webinar(join_url="", place="Casa de la Mujer, Santo Domingo")
    )
    assert event.place == "Casa de la Mujer, Santo Domingo"
    assert event.join_url == ""
