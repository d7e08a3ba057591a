"""Input at the edges: days no calendar keeps, numbers too large for any room, a photo of
a speaker whose event was refused, titles in other scripts, and two facilitators saving
at the same moment. Each gets a message at its field (never an error page) and leaves
nothing behind."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.http import parse_header_parameters

from tertulia.accounts.models import Member
from tertulia.events.forms.events import EventForm
from tertulia.events.forms.series import SeriesForm
from tertulia.events.models import Event, EventSeries, Speaker
from tertulia.events.services import series as series_service
from tertulia.events.services.events import create_event
from tertulia.events.services.series import create_series
from tests.events.test_manage_event import event_data
from tests.events.test_manage_series import series_data
from tests.images import png, upload

pytestmark = pytest.mark.django_db

YEARS = "Give a date between the years 1900 and 2999."
# Arabic letters take 6 characters each once percent-encoded in an address.
ARABIC_TITLE = "ميزانيات تراعي النوع الاجتماعي في التدريب والممارسة " * 4


def text(response: Any) -> str:
    return str(response.content.decode())


def event_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": "Budgets that see gender",
        "kind": "webinar",
        "language": "en",
        "time_zone": "Asia/Tokyo",
        "starts_local": datetime(2026, 5, 14, 15, 0),
        "ends_local": datetime(2026, 5, 14, 16, 0),
    }
    fields.update(overrides)
    return fields


def series_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": "Interviews with trainers",
        "kind": "interview",
        "language": "en",
        "time_zone": "Asia/Tokyo",
        "first_start_local": datetime(2026, 5, 14, 15, 0),
        "duration_minutes": 60,
        "rrule": "FREQ=WEEKLY;COUNT=3",
    }
    fields.update(overrides)
    return fields


# --- Days outside any calendar ----------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "ends"),
    [("9999-12-31T23:00", "9999-12-31T23:30"), ("0001-01-01T00:00", "0001-01-01T01:00")],
)
def test_an_event_in_year_1_or_9999_is_a_field_error(
    facilitator_client: Client, starts: str, ends: str
) -> None:
    response = facilitator_client.post(
        "/events/new/", event_data(time_zone="Asia/Tokyo", starts_local=starts, ends_local=ends)
    )

    page = text(response)
    assert response.status_code == 200
    assert 'id="id_starts_local_error"' in page
    assert 'id="id_ends_local_error"' in page
    assert YEARS in page
    assert not Event.objects.exists()


@pytest.mark.parametrize("day", [datetime(9999, 12, 31, 23, 0), datetime(1, 1, 1, 0, 0)])
def test_the_event_service_refuses_those_days_at_their_field(
    facilitator: Member, day: datetime
) -> None:
    with pytest.raises(ValidationError) as caught:
        create_event(facilitator, **event_fields(starts_local=day, ends_local=day))

    assert caught.value.message_dict["starts_local"] == [YEARS]
    assert caught.value.message_dict["ends_local"] == [YEARS]
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"until": "9999-12-31", "count": ""}, "until"),
        ({"until": "0001-01-01", "count": ""}, "until"),
        ({"frequency": "", "count": "", "extra_dates": "2026-05-01\n9999-12-31"}, "extra_dates"),
        ({"frequency": "", "count": "", "extra_dates": "0001-01-01 10:00"}, "extra_dates"),
        ({"first_start_local": "9999-12-31T15:00"}, "first_start_local"),
    ],
)
def test_a_series_with_such_a_day_is_a_field_error(
    facilitator_client: Client, overrides: dict[str, str], field: str
) -> None:
    response = facilitator_client.post(
        "/events/series/new/", series_data(time_zone="Asia/Tokyo", **overrides)
    )

    page = text(response)
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in page
    assert YEARS in page
    assert not EventSeries.objects.exists()
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"extra_dates_local": [datetime(9999, 12, 31, 23, 0)]}, "extra_dates_local"),
        ({"first_start_local": datetime(1, 1, 1, 0, 0)}, "first_start_local"),
        ({"rrule": "FREQ=YEARLY;UNTIL=99991231T235959Z"}, "rrule"),
        ({"rrule": "FREQ=YEARLY;COUNT=3", "first_start_local": datetime(2999, 6, 1)}, "rrule"),
    ],
)
def test_the_series_service_refuses_those_days_at_their_field(
    facilitator: Member, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        create_series(facilitator, **series_fields(**overrides))

    assert field in caught.value.message_dict
    assert not EventSeries.objects.exists()


# --- Numbers too large ------------------------------------------------------------------


def test_a_huge_capacity_is_a_field_error(facilitator_client: Client) -> None:
    response = facilitator_client.post("/events/new/", event_data(capacity=str(10**20)))

    page = text(response)
    assert response.status_code == 200
    assert 'id="id_capacity_error"' in page
    assert not Event.objects.exists()


def test_a_huge_capacity_for_a_series_is_a_field_error(facilitator_client: Client) -> None:
    response = facilitator_client.post("/events/series/new/", series_data(capacity=str(10**20)))

    assert 'id="id_capacity_error"' in text(response)
    assert not EventSeries.objects.exists()


def test_the_services_refuse_a_huge_capacity(facilitator: Member) -> None:
    with pytest.raises(ValidationError) as single:
        create_event(facilitator, **event_fields(capacity=10**20))
    with pytest.raises(ValidationError) as series:
        create_series(facilitator, **series_fields(capacity=10**20))

    expected = ["Capacity can be at most 100,000 places. Leave it empty for no limit."]
    assert single.value.message_dict["capacity"] == expected
    assert series.value.message_dict["capacity"] == expected
    assert create_event(facilitator, **event_fields(capacity=100_000)).capacity == 100_000


# --- A refused event's new speaker ------------------------------------------------------


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def test_a_refused_event_leaves_no_speaker_photo_in_storage(
    facilitator_client: Client, media: Path
) -> None:
    data = event_data(ends_local="2026-05-14T14:00", new_speaker_name="Clemencia Muñoz")

    response = facilitator_client.post(
        "/events/new/", {**data, "new_speaker_photo": upload("clemencia.png", png(), "image/png")}
    )

    assert 'id="id_ends_local_error"' in text(response)
    assert not Speaker.objects.exists()
    assert stored(media) == []


def test_an_accepted_event_keeps_its_speaker_photo(facilitator_client: Client, media: Path) -> None:
    data = event_data(new_speaker_name="Clemencia Muñoz")

    facilitator_client.post(
        "/events/new/", {**data, "new_speaker_photo": upload("clemencia.png", png(), "image/png")}
    )

    speaker = Speaker.objects.get()
    assert stored(media) == [media / speaker.photo.name]


# --- Titles in other scripts ------------------------------------------------------------


def test_a_calendar_file_named_in_cyrillic_has_a_header_that_parses(
    facilitator: Member, client: Client
) -> None:
    event = create_event(facilitator, **event_fields(title="Бюджеты и гендер", language="ru"))

    response = client.get(f"/events/{event.pk}/event.ics")

    disposition, params = parse_header_parameters(response["Content-Disposition"])
    assert response.status_code == 200
    assert disposition == "attachment"
    assert params["filename"] == "бюджеты-и-гендер.ics"  # from filename*, which wins
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert response["Content-Disposition"].isascii()


def test_a_long_arabic_title_gives_a_slug_that_fits_an_address(facilitator: Member) -> None:
    event = create_event(facilitator, **event_fields(title=ARABIC_TITLE[:200], language="ar"))
    series, _events = create_series(
        facilitator, **series_fields(title=ARABIC_TITLE[:200], language="ar")
    )

    for slug in (event.slug, series.slug):
        assert slug.startswith("ميزانيات-تراعي")
        assert len(quote(slug)) <= 200
        assert not slug.endswith("-")


# --- Saving at the same moment ----------------------------------------------------------


def test_a_series_slug_taken_between_check_and_save_is_reported_at_the_title(
    facilitator: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = series_service._unique_slug

    def taken_meanwhile(title: str) -> str:
        slug = checked(title)
        EventSeries.objects.create(
            title=title,
            slug=slug,
            kind="interview",
            organiser=facilitator,
            time_zone="UTC",
            first_start=datetime(2026, 1, 1, tzinfo=series_service.UTC_ZONE),
            duration_minutes=60,
            created_at=datetime(2026, 1, 1, tzinfo=series_service.UTC_ZONE),
        )
        return slug

    monkeypatch.setattr(series_service, "_unique_slug", taken_meanwhile)

    with pytest.raises(ValidationError) as caught:
        create_series(facilitator, **series_fields())

    assert caught.value.message_dict["title"] == [
        "Another series with this title was saved at the same moment. Send the form again."
    ]
    assert EventSeries.objects.count() == 1
    assert not Event.objects.exists()


def test_the_forms_themselves_refuse_those_days_and_numbers() -> None:
    event_form = EventForm(
        event_data(
            starts_local="9999-12-31T23:00", ends_local="0001-01-01T00:00", capacity=str(10**20)
        )
    )
    series_form = SeriesForm(series_data(until="9999-12-31", count="", capacity=str(10**20)))
    dates_form = SeriesForm(series_data(frequency="", count="", extra_dates="9999-12-31"))

    assert not event_form.is_valid()
    assert event_form.errors["starts_local"] == [YEARS]
    assert event_form.errors["ends_local"] == [YEARS]
    assert "capacity" in event_form.errors
    assert not series_form.is_valid()
    assert series_form.errors["until"] == [YEARS]
    assert "capacity" in series_form.errors
    assert not dates_form.is_valid()
    assert dates_form.errors["extra_dates"] == [f"Line 1: {YEARS}"]
