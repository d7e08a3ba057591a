"""Facilitators' pages: announce and edit a dialogue, add a webinar, link an event."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tertulia.dialogues.models import Dialogue
from tertulia.events.models import Event, EventKind
from tertulia.forums.models import Forum
from tests.dialogues.factories import create, pdf_upload
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": "10",
        "title": "Understanding change",
        "summary": "What kinds of change can training achieve?",
        "time_zone": "Europe/Madrid",
        "opens_on": "2030-04-24",
        "closes_on": "2030-05-14",
        "languages": ["en", "es"],
        "concept_note": "Training is meant to **change** practice.",
        "key_questions": "What changes?\nHow do we know?",
        "speaker_name": "Lucy Ferguson",
        "speaker_organisation": "Complutense University",
    }
    data.update(overrides)
    return data


def test_a_facilitator_announces_a_dialogue_with_its_concept_note_pdf(
    facilitator_client: Client,
) -> None:
    response = facilitator_client.post(
        "/dialogues/new/", form_data(concept_note_pdf=pdf_upload("Concept note.pdf"))
    )

    dialogue = Dialogue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/dialogues/10/{dialogue.slug}/"
    assert dialogue.forum.opens_at == datetime(2030, 4, 23, 22, 0, tzinfo=UTC)
    assert dialogue.key_questions == ["What changes?", "How do we know?"]
    assert dialogue.speakers.get().name == "Lucy Ferguson"
    pdf = facilitator_client.get("/dialogues/10/concept-note.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="Concept note.pdf"' in pdf["Content-Disposition"]


def test_the_form_says_what_is_wrong_at_each_field_and_saves_nothing(
    facilitator_client: Client,
) -> None:
    create(number=10)

    response = facilitator_client.post(
        "/dialogues/new/",
        form_data(closes_on="2030-04-01", concept_note_pdf=pdf_upload("note.pdf", b"hello")),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing has been saved yet." in page
    assert 'id="id_number_error"' in page
    assert "10th Virtual Dialogue already exists" in page
    assert 'id="id_closes_on_error"' in page
    assert 'aria-describedby="id_closes_on_helptext id_closes_on_error"' in page
    assert Dialogue.objects.count() == 1
    assert Forum.objects.count() == 1


def test_a_bad_pdf_is_reported_at_its_field(facilitator_client: Client) -> None:
    response = facilitator_client.post(
        "/dialogues/new/", form_data(concept_note_pdf=pdf_upload("note.pdf", b"plain words"))
    )

    assert 'id="id_concept_note_pdf_error"' in response.content.decode()
    assert not Dialogue.objects.exists()


def test_editing_shows_the_current_values_and_saves_changes(facilitator_client: Client) -> None:
    dialogue = create(number=10)

    form_page = facilitator_client.get("/dialogues/10/edit/").content.decode()
    response = facilitator_client.post(
        "/dialogues/10/edit/", form_data(title="Understanding change, revisited", speaker_name="")
    )

    assert 'value="Understanding change through training for gender equality"' in form_page
    assert response.status_code == 302
    dialogue.refresh_from_db()
    assert dialogue.title == "Understanding change, revisited"
    assert dialogue.forum.title == "10. Understanding change, revisited"


def test_a_webinar_is_added_from_the_dialogue(facilitator_client: Client) -> None:
    dialogue = create(number=10)

    form_page = facilitator_client.get("/dialogues/10/webinars/new/").content.decode()
    response = facilitator_client.post(
        "/dialogues/10/webinars/new/",
        {
            "title": "Webinar: understanding change",
            "kind": EventKind.WEBINAR,
            "language": "en",
            "time_zone": "Europe/Madrid",
            "day": "2030-05-03",
            "starts_at_time": "15:00",
            "ends_at_time": "16:00",
            "join_url": "https://meet.example.org/vd10",
            "new_speaker_name": "Anand Pawar",
            "new_speaker_organisation": "SAMYAK Pune",
        },
    )

    event = dialogue.events.get()
    assert 'value="Europe/Madrid" selected' in form_page
    assert response.status_code == 302
    assert event.starts_at == datetime(2030, 5, 3, 13, 0, tzinfo=UTC)
    assert event.speakers.get().name == "Anand Pawar"
    assert dialogue.speakers.get().name == "Anand Pawar"


def test_a_webinar_in_a_dst_gap_is_refused_at_its_time(facilitator_client: Client) -> None:
    create(number=10)

    response = facilitator_client.post(
        "/dialogues/10/webinars/new/",
        {
            "title": "Webinar at night",
            "kind": EventKind.WEBINAR,
            "language": "en",
            "time_zone": "Europe/Paris",
            "day": "2030-03-31",
            "starts_at_time": "02:30",
            "ends_at_time": "03:30",
        },
    )

    page = response.content.decode()
    assert 'id="id_starts_at_time_error"' in page
    assert "does not exist" in page
    assert not Event.objects.exists()


def test_an_existing_event_is_linked_and_unlinked(facilitator_client: Client) -> None:
    dialogue = create(number=10)
    interview = make_event(title="Interview with Daniela Moreno Alarcón")

    linked = facilitator_client.post("/dialogues/10/events/link/", {"event": interview.pk})
    unlinked = facilitator_client.post(f"/dialogues/10/events/{interview.pk}/unlink/")

    assert linked.status_code == 302
    assert unlinked.status_code == 302
    assert not dialogue.events.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/dialogues/new/",
        "/dialogues/10/edit/",
        "/dialogues/10/webinars/new/",
        "/dialogues/10/summary/",
        "/dialogues/10/proceedings/",
        "/dialogues/10/proceedings.pdf",
    ],
)
def test_members_are_refused_every_facilitator_page(member_client: Client, url: str) -> None:
    create(number=10)

    assert member_client.get(url).status_code == 403


def test_visitors_are_asked_to_sign_in(client: Client) -> None:
    create(number=10)

    response = client.get("/dialogues/10/edit/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
