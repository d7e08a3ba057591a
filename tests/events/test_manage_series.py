"""Creating a series from plain fields (repeat, weekday, how many or until when, other
dates): the rule it builds, local times kept across DST, and bad input explained."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from tertulia.events.forms.series import SeriesForm
from tertulia.events.models import Event, EventSeries

pytestmark = pytest.mark.django_db


def series_data(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Interviews with trainers",
        "kind": "interview",
        "language": "en",
        "time_zone": "Europe/Paris",
        "first_start_local": "2026-03-19T15:00",  # a Thursday, before Europe's DST change
        "duration_minutes": "60",
        "frequency": "fortnightly",
        "weekday": "",
        "count": "4",
        "until": "",
        "extra_dates": "",
        "description": "",
        "join_url": "https://meet.example.org/interviews",
        "place": "",
        "capacity": "",
    }
    data.update(overrides)
    return data


def text(response: Any) -> str:
    return str(response.content.decode())


def starts() -> list[datetime]:
    return list(Event.objects.order_by("starts_at").values_list("starts_at", flat=True))


def rule_for(**overrides: str) -> str:
    form = SeriesForm(series_data(**overrides))
    assert form.is_valid(), form.errors
    return form.rrule()


def test_the_plain_fields_make_an_rfc_5545_rule() -> None:
    assert rule_for() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=4"
    assert rule_for(frequency="weekly", weekday="TH") == "FREQ=WEEKLY;BYDAY=TH;COUNT=4"
    assert rule_for(frequency="monthly-date") == "FREQ=MONTHLY;BYMONTHDAY=19;COUNT=4"
    assert rule_for(frequency="monthly-weekday") == "FREQ=MONTHLY;BYDAY=+3TH;COUNT=4"
    assert (
        rule_for(count="", until="2026-06-30")
        == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20260630T235959"
    )
    assert rule_for(frequency="") == ""


def test_a_weekday_that_skips_the_first_date_is_refused() -> None:
    form = SeriesForm(series_data(frequency="weekly", weekday="TU"))

    assert not form.is_valid()
    assert form.errors["weekday"] == [
        "The first date is a Thursday: choose that day, or change the first date."
    ]


def test_a_series_every_other_thursday_keeps_15_00_in_paris_across_dst(
    facilitator_client: Client,
) -> None:
    response = facilitator_client.post("/events/series/new/", series_data(), follow=True)

    assert "The series is created with 4 dates." in text(response)
    assert EventSeries.objects.get().title == "Interviews with trainers"
    assert starts() == [
        datetime(2026, 3, 19, 14, 0, tzinfo=UTC),  # 15:00 CET
        datetime(2026, 4, 2, 13, 0, tzinfo=UTC),  # 15:00 CEST
        datetime(2026, 4, 16, 13, 0, tzinfo=UTC),
        datetime(2026, 4, 30, 13, 0, tzinfo=UTC),
    ]


def test_a_lecture_series_on_irregular_dates(facilitator_client: Client) -> None:
    data = series_data(
        frequency="",
        count="",
        extra_dates="2026-04-07\n\n2026-05-12 18:30\n",
        language="es",
        languages=["en", "es"],
    )

    facilitator_client.post("/events/series/new/", data)

    assert starts() == [
        datetime(2026, 3, 19, 14, 0, tzinfo=UTC),
        datetime(2026, 4, 7, 13, 0, tzinfo=UTC),  # the first date's 15:00
        datetime(2026, 5, 12, 16, 30, tzinfo=UTC),  # 18:30 CEST
    ]
    assert EventSeries.objects.get().languages == ["es", "en"]


def test_a_bad_line_among_the_dates_is_named(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/events/series/new/", series_data(frequency="", extra_dates="2026-04-07\nsoon")
    )

    assert "Line 2: “soon” is not a date" in text(response)
    assert not Event.objects.exists()


def test_an_impossible_date_is_named(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/events/series/new/", series_data(frequency="", extra_dates="2026-02-30")
    )

    assert "Line 1: “2026-02-30” is not a real date." in text(response)
    assert not Event.objects.exists()


def test_a_repeat_needs_a_count_or_a_last_date(facilitator_client: Client) -> None:
    response = facilitator_client.post("/events/series/new/", series_data(count=""))

    assert "Say how many times the series meets, or give its last date." in text(response)
    assert not EventSeries.objects.exists()


def test_more_than_500_dates_are_refused(facilitator_client: Client) -> None:
    response = facilitator_client.post("/events/series/new/", series_data(count="600"))

    assert "A series can have at most 500 dates." in text(response)
    assert not EventSeries.objects.exists()


def test_a_last_date_too_far_away_is_refused_at_that_field(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/events/series/new/",
        series_data(frequency="weekly", count="", until="2040-01-01"),
    )

    page = text(response)
    assert "at most 500 events" in page
    assert 'id="id_until_error"' in page
    assert not EventSeries.objects.exists()


def test_a_series_time_in_the_gap_follows_rfc_5545(facilitator_client: Client) -> None:
    # 02:30 on 29 March 2026 does not exist in Paris: a series reads it as 03:30 CEST.
    facilitator_client.post(
        "/events/series/new/",
        series_data(first_start_local="2026-03-29T02:30", frequency="weekly", count="2"),
    )

    assert starts() == [
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
        datetime(2026, 4, 5, 0, 30, tzinfo=UTC),
    ]


def test_an_unknown_zone_is_a_field_error(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/events/series/new/", series_data(time_zone="Europe/Atlantis")
    )

    assert "“Europe/Atlantis” is not a time zone we know." in text(response)
    assert not EventSeries.objects.exists()


def test_members_cannot_create_a_series(member_client: Client) -> None:
    assert member_client.get("/events/series/new/").status_code == 403
    assert member_client.post("/events/series/new/", series_data()).status_code == 403
    assert not EventSeries.objects.exists()
