"""Series: a recurrence rule and/or explicit dates expanded in the organiser's local
time, so occurrences keep their wall-clock time across daylight-saving changes, in both
hemispheres and in weeks when Europe and America change on different dates."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tertulia.accounts.models import Member
from tertulia.core.timezones import utc_to_local
from tertulia.events.models import Event, EventKind, EventSeries
from tertulia.events.services.series import (
    create_series,
    occurrence_starts,
    series_first_start,
)

pytestmark = pytest.mark.django_db


def interviews(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": "Conversations with trainers",
        "kind": EventKind.INTERVIEW,
        "language": "en",
        "languages": ["en"],
        "time_zone": "Europe/Paris",
        "first_start_local": datetime(2026, 2, 26, 15, 0),
        "duration_minutes": 60,
        "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=4",
        "join_url": "https://meet.example.org/interviews",
    }
    return {**fields, **overrides}


def test_a_paris_series_keeps_15_00_while_new_york_moves(facilitator: Member) -> None:
    # America changes on 8 March 2026, Europe on 29 March: for two of these Thursdays
    # Paris and New York are 5 hours apart instead of 6.
    series, events = create_series(facilitator, **interviews())

    assert [utc_to_local(e.starts_at, "Europe/Paris").time().hour for e in events] == [15] * 4
    assert [e.starts_at for e in events] == [
        datetime(2026, 2, 26, 14, 0, tzinfo=UTC),
        datetime(2026, 3, 12, 14, 0, tzinfo=UTC),
        datetime(2026, 3, 26, 14, 0, tzinfo=UTC),
        datetime(2026, 4, 9, 13, 0, tzinfo=UTC),
    ]
    new_york = [utc_to_local(e.starts_at, "America/New_York").hour for e in events]
    assert new_york == [9, 10, 10, 9]
    assert all(e.series == series for e in events)
    assert all((e.ends_at - e.starts_at).total_seconds() == 3600 for e in events)
    assert series_first_start(series) == datetime(2026, 2, 26, 15, 0)
    assert series.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=4"


def test_the_autumn_weeks_between_the_two_changes(facilitator: Member) -> None:
    # Europe goes back on 25 October 2026, America on 1 November.
    _series, events = create_series(
        facilitator,
        **interviews(first_start_local=datetime(2026, 10, 22, 15, 0), rrule="FREQ=WEEKLY;COUNT=3"),
    )
    assert [utc_to_local(e.starts_at, "America/New_York").hour for e in events] == [9, 10, 9]


@pytest.mark.parametrize(
    ("zone", "first", "expected_utc_hours"),
    [
        # Sydney leaves summer time on 5 April 2026: 19:00 is 08:00 UTC, then 09:00.
        ("Australia/Sydney", datetime(2026, 4, 1, 19, 0), [8, 9]),
        # Santiago leaves summer time on 5 April 2026 too: 18:00 is 21:00 UTC, then 22:00.
        ("America/Santiago", datetime(2026, 4, 1, 18, 0), [21, 22]),
        # Sydney enters summer time on 4 October 2026.
        ("Australia/Sydney", datetime(2026, 9, 30, 19, 0), [9, 8]),
    ],
)
def test_southern_hemisphere_series_keep_their_local_time(
    facilitator: Member, zone: str, first: datetime, expected_utc_hours: list[int]
) -> None:
    _series, events = create_series(
        facilitator,
        **interviews(time_zone=zone, first_start_local=first, rrule="FREQ=WEEKLY;COUNT=2"),
    )
    assert [e.starts_at.hour for e in events] == expected_utc_hours
    assert [utc_to_local(e.starts_at, zone).hour for e in events] == [first.hour] * 2


def test_an_occurrence_in_the_gap_follows_rfc_5545(facilitator: Member) -> None:
    _series, events = create_series(
        facilitator,
        **interviews(first_start_local=datetime(2026, 3, 28, 2, 30), rrule="FREQ=DAILY;COUNT=3"),
    )
    # 29 March has no 02:30 in Paris: it is read with the offset before the gap.
    assert [utc_to_local(e.starts_at, "Europe/Paris").time().isoformat() for e in events] == [
        "02:30:00", "03:30:00", "02:30:00",
    ]  # fmt: skip


def test_explicit_dates_make_an_irregular_lecture_series(facilitator: Member) -> None:
    _series, events = create_series(
        facilitator,
        **interviews(
            kind=EventKind.LECTURE,
            languages=["en", "es"],
            time_zone="America/Mexico_City",
            first_start_local=datetime(2026, 5, 6, 10, 0),
            rrule="",
            extra_dates_local=[
                datetime(2026, 6, 17, 10, 0),
                datetime(2026, 5, 20, 11, 30),
                datetime(2026, 5, 20, 11, 30),  # typed twice: one event
            ],
        ),
    )
    assert [e.starts_at for e in events] == [
        datetime(2026, 5, 6, 16, 0, tzinfo=UTC),
        datetime(2026, 5, 20, 17, 30, tzinfo=UTC),
        datetime(2026, 6, 17, 16, 0, tzinfo=UTC),
    ]
    assert EventSeries.objects.get().languages == ["en", "es"]


def test_a_rule_with_a_utc_until_is_read_in_local_time(facilitator: Member) -> None:
    _series, events = create_series(
        facilitator, **interviews(rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20260326T140000Z")
    )
    assert len(events) == 3


def test_the_first_start_always_counts(facilitator: Member) -> None:
    # A Wednesday start with a Thursday rule: the Wednesday is an occurrence too.
    _series, events = create_series(
        facilitator,
        **interviews(
            first_start_local=datetime(2026, 2, 25, 15, 0), rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=2"
        ),
    )
    assert [e.starts_at.day for e in events] == [25, 26, 5]


@pytest.mark.parametrize(
    ("rule", "message_part"),
    [
        ("every other thursday", "We could not read this recurrence rule"),
        ("FREQ=WEEKLY;BYDAY=TH", "This rule never ends"),
        ("FREQ=DAILY;COUNT=501", "at most 500 events"),
        ("FREQ=DAILY;UNTIL=99991231", "at most 500 events"),
        ("FREQ=HOURLY;COUNT=3", "at most once a day"),
        ("FREQ=WEEKLY;COUNT=2\nRDATE:20260101", "one line"),
    ],
)
def test_bad_rules_are_refused_at_the_rule_field(
    facilitator: Member, rule: str, message_part: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        create_series(facilitator, **interviews(rrule=rule))
    errors = caught.value.message_dict
    assert list(errors) == ["rrule"]
    assert message_part in errors["rrule"][0]
    assert not EventSeries.objects.exists()
    assert not Event.objects.exists()


def test_too_many_explicit_dates_are_refused(facilitator: Member) -> None:
    dates = [datetime(2027 + n, 1, 1, 10, 0) for n in range(501)]
    with pytest.raises(ValidationError) as caught:
        create_series(facilitator, **interviews(rrule="", extra_dates_local=dates))
    assert list(caught.value.message_dict) == ["extra_dates_local"]


def test_other_fields_are_checked_too(facilitator: Member) -> None:
    with pytest.raises(ValidationError) as caught:
        create_series(
            facilitator, **interviews(time_zone="Paris", duration_minutes=0, join_url="ftp://x")
        )
    assert set(caught.value.message_dict) == {"time_zone", "duration_minutes", "join_url"}
    assert not EventSeries.objects.exists()


def test_members_cannot_create_series(member: Member) -> None:
    with pytest.raises(PermissionDenied):
        create_series(member, **interviews())


def test_occurrence_starts_previews_the_utc_instants() -> None:
    starts = occurrence_starts(
        time_zone="Europe/Paris",
        first_start_local=datetime(2026, 3, 26, 15, 0),
        rrule="FREQ=WEEKLY;COUNT=2",
    )
    assert starts == [
        datetime(2026, 3, 26, 14, 0, tzinfo=UTC),
        datetime(2026, 4, 2, 13, 0, tzinfo=UTC),
    ]
    with pytest.raises(ValidationError) as caught:
        occurrence_starts(time_zone="Nowhere", first_start_local=datetime(2026, 3, 26, 15, 0))
    assert list(caught.value.message_dict) == ["time_zone"]


def test_two_series_with_the_same_title_get_their_own_slugs(facilitator: Member) -> None:
    first, _events = create_series(facilitator, **interviews(rrule="FREQ=WEEKLY;COUNT=1"))
    second, _events = create_series(facilitator, **interviews(rrule="FREQ=WEEKLY;COUNT=1"))
    assert (first.slug, second.slug) == (
        "conversations-with-trainers",
        "conversations-with-trainers-2",
    )
