"""Dialogue windows: days in the facilitator's zone become UTC instants, DST-correct."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tertulia.dialogues.windows import dates_in_zone, day_window


def test_24_april_to_14_may_in_madrid_is_whole_local_days() -> None:
    opens_at, closes_at = day_window(date(2030, 4, 24), date(2030, 5, 14), "Europe/Madrid")

    assert opens_at == datetime(2030, 4, 23, 22, 0, tzinfo=UTC)  # 00:00 CEST
    assert closes_at == datetime(2030, 5, 14, 22, 0, tzinfo=UTC)  # end of 14 May, CEST


def test_a_window_across_the_spring_change_in_europe_uses_each_days_offset() -> None:
    # Clocks go forward in Paris on Sunday 31 March 2030.
    opens_at, closes_at = day_window(date(2030, 3, 20), date(2030, 4, 5), "Europe/Paris")

    assert opens_at == datetime(2030, 3, 19, 23, 0, tzinfo=UTC)  # CET, UTC+1
    assert closes_at == datetime(2030, 4, 5, 22, 0, tzinfo=UTC)  # CEST, UTC+2


def test_in_the_southern_hemisphere_a_day_that_skips_midnight_starts_at_one() -> None:
    # Chile springs forward at 00:00 on 8 September 2024: that day starts at 01:00 -03.
    opens_at, _closes_at = day_window(date(2024, 9, 8), date(2024, 9, 20), "America/Santiago")

    assert opens_at == datetime(2024, 9, 8, 4, 0, tzinfo=UTC)


def test_in_the_southern_hemisphere_autumn_the_last_day_has_25_hours() -> None:
    # Chile falls back on 7 April 2024 (24:00 -03 becomes 23:00 -04 on the 6th).
    opens_at, closes_at = day_window(date(2024, 4, 6), date(2024, 4, 7), "America/Santiago")

    assert opens_at == datetime(2024, 4, 6, 3, 0, tzinfo=UTC)  # 00:00 -03
    assert closes_at == datetime(2024, 4, 8, 4, 0, tzinfo=UTC)  # 00:00 -04
    assert (closes_at - opens_at).total_seconds() == 49 * 3600


def test_a_viewer_in_new_york_sees_the_madrid_window_start_the_evening_before() -> None:
    opens_at, closes_at = day_window(date(2030, 4, 24), date(2030, 5, 14), "Europe/Madrid")

    dates = dates_in_zone(opens_at, closes_at, "America/New_York")

    assert dates.first_day == date(2030, 4, 23)
    assert dates.last_day == date(2030, 5, 14)
    assert dates.opens_at.hour == 18


def test_a_viewer_in_tokyo_sees_the_madrid_window_end_the_next_morning() -> None:
    opens_at, closes_at = day_window(date(2030, 4, 24), date(2030, 5, 14), "Europe/Madrid")

    dates = dates_in_zone(opens_at, closes_at, "Asia/Tokyo")

    assert (dates.first_day, dates.last_day) == (date(2030, 4, 24), date(2030, 5, 15))


def test_in_the_facilitators_zone_the_days_are_the_days_typed() -> None:
    opens_at, closes_at = day_window(date(2030, 4, 24), date(2030, 5, 14), "Europe/Madrid")

    dates = dates_in_zone(opens_at, closes_at, "Europe/Madrid")

    assert (dates.first_day, dates.last_day) == (date(2030, 4, 24), date(2030, 5, 14))
