"""Facilitators create and edit events in local time; bad times, zones and links get a
message at the field and save nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.events.models import Event, EventSpeaker, Speaker
from tests.events.factories import event_page_url, make_event, make_series, make_speaker

pytestmark = pytest.mark.django_db


def event_data(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Budgets that see gender",
        "kind": "webinar",
        "language": "en",
        "time_zone": "Europe/Paris",
        "starts_local": "2026-05-14T15:00",
        "ends_local": "2026-05-14T16:30",
        "description": "We read three budgets.",
        "join_url": "https://meet.example.org/budgets",
        "place": "",
        "capacity": "",
    }
    data.update(overrides)
    return data


def text(response: Any) -> str:
    return str(response.content.decode())


def test_the_form_starts_in_the_facilitators_zone(facilitator_client: Client) -> None:
    page = text(facilitator_client.get("/events/new/"))

    # The facilitator's profile zone (the factory's São Paulo) is chosen.
    assert '<option value="America/Sao_Paulo" selected>' in page


def test_members_cannot_create_events(member_client: Client) -> None:
    assert member_client.get("/events/new/").status_code == 403
    assert member_client.post("/events/new/", event_data()).status_code == 403
    assert not Event.objects.exists()


def test_creating_an_event_in_local_time(facilitator: Member, facilitator_client: Client) -> None:
    response = facilitator_client.post("/events/new/", event_data())

    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event_page_url(event)
    assert event.starts_at == datetime(2026, 5, 14, 13, 0, tzinfo=UTC)  # 15:00 CEST
    assert event.ends_at == datetime(2026, 5, 14, 14, 30, tzinfo=UTC)
    assert event.time_zone == "Europe/Paris"
    assert event.organiser == facilitator


def test_an_end_before_the_start_is_refused_at_the_field(facilitator_client: Client) -> None:
    response = facilitator_client.post("/events/new/", event_data(ends_local="2026-05-14T14:00"))

    page = text(response)
    assert response.status_code == 200
    assert "The event must end after it starts." in page
    assert 'id="id_ends_local_error"' in page
    assert not Event.objects.exists()


def test_an_unknown_zone_is_refused_at_the_field(facilitator_client: Client) -> None:
    response = facilitator_client.post("/events/new/", event_data(time_zone="Mars/Olympus"))

    page = text(response)
    assert response.status_code == 200
    assert "“Mars/Olympus” is not a time zone we know." in page
    assert 'id="id_time_zone_error"' in page
    assert not Event.objects.exists()


def test_a_time_in_the_spring_forward_gap_is_explained(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/events/new/",
        event_data(starts_local="2026-03-29T02:30", ends_local="2026-03-29T04:00"),
    )

    page = text(response)
    assert response.status_code == 200
    assert "02:30 does not exist on" in page
    assert "clocks go forward from 02:00 to 03:00" in page
    assert not Event.objects.exists()


def test_an_ambiguous_fall_back_time_is_explained(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/events/new/",
        event_data(starts_local="2026-10-25T02:30", ends_local="2026-10-25T04:00"),
    )

    page = text(response)
    assert response.status_code == 200
    assert "02:30 happens twice on" in page
    assert not Event.objects.exists()


def test_a_malformed_date_is_a_field_error(facilitator_client: Client) -> None:
    response = facilitator_client.post("/events/new/", event_data(starts_local="next Thursday"))

    assert "Enter a date and time, for example 2026-05-14 15:00." in text(response)
    assert not Event.objects.exists()


def test_a_new_speaker_is_added_with_the_event(facilitator_client: Client) -> None:
    existing = make_speaker(name="Ana Falú")
    data = event_data(new_speaker_name="Clemencia Muñoz", new_speaker_organisation="UChile")

    facilitator_client.post("/events/new/", {**data, "speakers": [str(existing.pk)]})

    event = Event.objects.get()
    names = [link.speaker.name for link in EventSpeaker.objects.filter(event=event)]
    assert names == ["Ana Falú", "Clemencia Muñoz"]


def test_a_refused_event_leaves_no_new_speaker_behind(facilitator_client: Client) -> None:
    data = event_data(ends_local="2026-05-14T14:00", new_speaker_name="Clemencia Muñoz")

    facilitator_client.post("/events/new/", data)

    assert not Speaker.objects.exists()
    assert not Event.objects.exists()


def test_the_edit_form_shows_the_local_time(facilitator_client: Client) -> None:
    event = make_event(starts_at=datetime(2026, 5, 14, 13, 0, tzinfo=UTC))

    page = text(facilitator_client.get(f"/events/{event.pk}/edit/"))

    assert 'value="2026-05-14T15:00"' in page
    assert '<option value="Europe/Paris" selected>' in page


def test_an_event_in_a_less_common_language_can_still_be_edited(
    facilitator_client: Client,
) -> None:
    event = make_event(language="sw")

    page = text(facilitator_client.get(f"/events/{event.pk}/edit/"))

    assert '<option value="sw" selected>Swahili</option>' in page


def test_moving_one_occurrence_leaves_the_others(facilitator_client: Client) -> None:
    series = make_series()
    first = make_event(
        title="Interview", series=series, starts_at=datetime(2026, 5, 14, 13, 0, tzinfo=UTC)
    )
    second = make_event(
        title="Interview", series=series, starts_at=datetime(2026, 5, 28, 13, 0, tzinfo=UTC)
    )

    page = text(facilitator_client.get(f"/events/{second.pk}/edit/"))
    response = facilitator_client.post(
        f"/events/{second.pk}/edit/",
        event_data(
            title="Interview", kind="interview", starts_local="2026-05-29T18:00",
            ends_local="2026-05-29T19:00",
        ),
    )  # fmt: skip

    assert "Changes here apply to this date only." in page
    assert response.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.starts_at == datetime(2026, 5, 29, 16, 0, tzinfo=UTC)
    assert second.sequence == 1
    assert first.starts_at == datetime(2026, 5, 14, 13, 0, tzinfo=UTC)


def test_members_cannot_edit_someone_elses_event(member_client: Client) -> None:
    event = make_event()

    assert member_client.get(f"/events/{event.pk}/edit/").status_code == 403


def test_cancelling_an_event(facilitator_client: Client) -> None:
    event = make_event()

    confirm = text(facilitator_client.get(f"/events/{event.pk}/cancel/"))
    response = facilitator_client.post(
        f"/events/{event.pk}/cancel/", {"note": "The speaker is ill."}, follow=True
    )

    assert "will be marked cancelled" in confirm
    assert "The event is cancelled." in text(response)
    event.refresh_from_db()
    assert event.is_cancelled


def test_adding_the_recording(facilitator_client: Client) -> None:
    event = make_event()

    response = facilitator_client.post(
        f"/events/{event.pk}/recording/",
        {"recording_url": "https://video.example.org/r", "slides_url": ""},
        follow=True,
    )

    assert "The recording is added" in text(response)
    event.refresh_from_db()
    assert event.recording_url == "https://video.example.org/r"


def test_a_bad_recording_link_is_a_field_error(facilitator_client: Client) -> None:
    event = make_event()

    response = facilitator_client.post(
        f"/events/{event.pk}/recording/", {"recording_url": "not a link", "slides_url": ""}
    )

    assert response.status_code == 200
    assert 'id="id_recording_url_error"' in text(response)
    event.refresh_from_db()
    assert event.recording_url == ""
