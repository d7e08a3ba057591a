"""The local-time rule: single events refuse gaps and ambiguous times with an
explanation; series resolve them as RFC 5545 §3.3.5 says; unknown zones are refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tertulia.core.timezones import (
    explain_local_time_problem,
    local_time_problem,
    local_to_utc,
    utc_to_local,
    zone_city,
)


def test_an_ordinary_local_time_becomes_its_utc_instant() -> None:
    assert local_to_utc(datetime(2026, 3, 26, 15, 0), "Europe/Paris", strict=True) == datetime(
        2026, 3, 26, 14, 0, tzinfo=UTC
    )
    assert local_to_utc(datetime(2026, 7, 2, 15, 0), "Europe/Paris", strict=True) == datetime(
        2026, 7, 2, 13, 0, tzinfo=UTC
    )


def test_a_time_in_the_spring_gap_is_refused_with_what_the_clocks_do() -> None:
    with pytest.raises(ValidationError) as caught:
        local_to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Paris", strict=True)

    assert caught.value.code == "nonexistent_local_time"
    assert caught.value.messages == [
        "02:30 does not exist on March 29, 2026 in Europe/Paris: clocks go forward from "
        "02:00 to 03:00. Choose a time before 02:00 or from 03:00."
    ]


def test_an_ambiguous_autumn_time_is_refused_with_what_the_clocks_do() -> None:
    with pytest.raises(ValidationError) as caught:
        local_to_utc(datetime(2026, 11, 1, 1, 30), "America/New_York", strict=True)

    assert caught.value.code == "ambiguous_local_time"
    message = caught.value.messages[0]
    assert "01:30 happens twice on Nov. 1, 2026 in America/New_York" in message
    assert "clocks go back from 02:00 to 01:00" in message


def test_the_explanation_is_in_the_members_language() -> None:
    with translation.override("es"):
        message = explain_local_time_problem(datetime(2026, 3, 29, 2, 30), "Europe/Paris")
    assert "29 de marzo de 2026" in message


def test_a_series_reads_a_gap_time_with_the_offset_before_the_gap() -> None:
    # RFC 5545 §3.3.5: 02:30 on the spring-forward night becomes 03:30 summer time.
    instant = local_to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Paris", strict=False)
    assert instant == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert utc_to_local(instant, "Europe/Paris") == datetime(2026, 3, 29, 3, 30)


def test_a_series_reads_an_ambiguous_time_as_the_first_of_the_two() -> None:
    instant = local_to_utc(datetime(2026, 11, 1, 1, 30), "America/New_York", strict=False)
    assert instant == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, not EST


@pytest.mark.parametrize(
    ("zone", "local", "problem"),
    [
        # Southern hemisphere: Santiago goes back in April and forward in September.
        ("America/Santiago", datetime(2026, 4, 4, 23, 30), "fold"),
        ("America/Santiago", datetime(2026, 9, 6, 0, 30), "gap"),
        # Sydney goes forward on the first Sunday of October, back in April.
        ("Australia/Sydney", datetime(2026, 10, 4, 2, 30), "gap"),
        ("Australia/Sydney", datetime(2026, 4, 5, 2, 30), "fold"),
        ("Australia/Sydney", datetime(2026, 4, 5, 3, 30), ""),
        ("Asia/Kolkata", datetime(2026, 3, 29, 2, 30), ""),
    ],
)
def test_southern_hemisphere_changes_are_found(zone: str, local: datetime, problem: str) -> None:
    assert local_time_problem(local, zone) == problem


def test_southern_hemisphere_gap_is_explained() -> None:
    message = explain_local_time_problem(datetime(2026, 10, 4, 2, 30), "Australia/Sydney")
    assert "clocks go forward from 02:00 to 03:00" in message


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        local_to_utc(datetime(2026, 3, 26, 15, 0), "Mars/Olympus_Mons", strict=True)
    assert caught.value.code == "unknown_zone"


def test_an_aware_datetime_is_read_as_the_wall_clock_typed() -> None:
    typed = datetime(2026, 3, 26, 15, 0, tzinfo=UTC)  # a form made it aware in another zone
    assert local_to_utc(typed, "Europe/Paris", strict=True) == datetime(
        2026, 3, 26, 14, 0, tzinfo=UTC
    )


def test_zone_city_names_the_city_in_the_active_language() -> None:
    assert zone_city("America/New_York") == "New York"
    assert zone_city("America/Argentina/Buenos_Aires") == "Buenos Aires"
    assert zone_city("UTC") == "UTC"
    with translation.override("es"):
        assert zone_city("America/New_York") == "Nueva York"


@pytest.mark.parametrize(
    ("naive", "zone"),
    [
        (datetime(9999, 12, 31, 23, 0), "America/Los_Angeles"),
        (datetime(1, 1, 1, 0, 0), "Asia/Tokyo"),
    ],
)
@pytest.mark.parametrize("strict", [True, False])
def test_a_day_too_far_for_an_instant_is_refused_not_overflowed(
    naive: datetime, zone: str, strict: bool
) -> None:
    with pytest.raises(ValidationError) as caught:
        local_to_utc(naive, zone, strict=strict)

    assert caught.value.code == "implausible_date"
    assert caught.value.messages == ["Give a date between the years 1900 and 2999."]
