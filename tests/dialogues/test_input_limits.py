"""A dialogue's input at the edges: days no calendar keeps, numbers too large, titles in
other scripts, two facilitators taking the same number at once, and the admin that only
looks. Each problem is a message at its field; nothing is saved."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.dialogues.forms import DialogueForm, WebinarForm
from tertulia.dialogues.models import Dialogue
from tertulia.dialogues.services import fields as dialogue_fields_module
from tertulia.dialogues.services.dialogues import create_dialogue, update_dialogue
from tertulia.events.models import Event, EventKind
from tertulia.forums.models import Forum
from tests.dialogues.factories import create, dialogue_fields, make_dialogue
from tests.dialogues.test_manage_pages import form_data
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

YEARS = "Give a date between the years 1900 and 2999."
ARABIC_TITLE = "ميزانيات تراعي النوع الاجتماعي في التدريب والممارسة " * 4


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def webinar_data(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Webinar: understanding change",
        "kind": EventKind.WEBINAR,
        "language": "en",
        "time_zone": "Asia/Tokyo",
        "day": "2030-05-03",
        "starts_at_time": "15:00",
        "ends_at_time": "16:00",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("opens_on", "closes_on"), [("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-02")]
)
def test_a_dialogue_in_year_1_or_9999_is_a_field_error(
    facilitator_client: Client, opens_on: str, closes_on: str
) -> None:
    response = facilitator_client.post(
        "/dialogues/new/", form_data(time_zone="Asia/Tokyo", opens_on=opens_on, closes_on=closes_on)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_opens_on_error"' in page
    assert 'id="id_closes_on_error"' in page
    assert YEARS in page
    assert not Dialogue.objects.exists()
    assert not Forum.objects.exists()


@pytest.mark.parametrize("day", [date(9999, 12, 31), date(1, 1, 1)])
def test_the_dialogue_service_refuses_those_days_at_their_fields(
    facilitator: Member, day: date
) -> None:
    with pytest.raises(ValidationError) as caught:
        create_dialogue(facilitator, **dialogue_fields(opens_on=day, closes_on=day))

    assert caught.value.message_dict["opens_on"] == [YEARS]
    assert caught.value.message_dict["closes_on"] == [YEARS]
    assert not Dialogue.objects.exists()


def test_moving_a_dialogue_to_year_9999_is_refused(facilitator: Member) -> None:
    dialogue = create(facilitator)

    with pytest.raises(ValidationError) as caught:
        update_dialogue(facilitator, dialogue, closes_on=date(9999, 12, 31))

    assert caught.value.message_dict["closes_on"] == [YEARS]
    dialogue.refresh_from_db()
    assert dialogue.closes_on == date(2030, 5, 14)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_webinar_on_such_a_day_is_a_field_error(facilitator_client: Client, day: str) -> None:
    create(number=10)

    response = facilitator_client.post("/dialogues/10/webinars/new/", webinar_data(day=day))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_day_error"' in page
    assert YEARS in page
    assert not Event.objects.exists()


def test_a_huge_number_is_a_field_error(facilitator_client: Client) -> None:
    response = facilitator_client.post("/dialogues/new/", form_data(number=str(10**20)))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_number_error"' in page
    assert not Dialogue.objects.exists()


def test_the_service_refuses_a_huge_number(facilitator: Member) -> None:
    with pytest.raises(ValidationError) as caught:
        create_dialogue(facilitator, **dialogue_fields(number=10**20))

    assert caught.value.message_dict["number"] == ["A dialogue's number can be at most 10,000."]
    assert create(facilitator, number=10_000).number == 10_000


def test_a_huge_webinar_capacity_is_a_field_error(facilitator_client: Client) -> None:
    create(number=10)

    response = facilitator_client.post(
        "/dialogues/10/webinars/new/", webinar_data(capacity=str(10**20))
    )

    assert 'id="id_capacity_error"' in response.content.decode()
    assert not Event.objects.exists()


def test_a_long_arabic_title_gives_a_slug_that_fits_an_address(facilitator: Member) -> None:
    dialogue = create(facilitator, title=ARABIC_TITLE[:200])

    assert dialogue.slug.startswith("ميزانيات-تراعي")
    assert len(quote(dialogue.slug)) <= 200


def test_a_number_taken_between_check_and_save_is_reported_at_the_number(
    facilitator: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = dialogue_fields_module.number_taken

    def taken_meanwhile(number: int, dialogue: Dialogue | None) -> str:
        problem = checked(number, dialogue)
        if not Dialogue.objects.filter(number=number).exists():
            make_dialogue(
                number=number,
                title="Another dialogue",
                opens_on=date(2030, 6, 1),
                closes_on=date(2030, 6, 21),
            )
        return problem

    monkeypatch.setattr(dialogue_fields_module, "number_taken", taken_meanwhile)

    with pytest.raises(ValidationError) as caught:
        create_dialogue(facilitator, **dialogue_fields(number=11))

    assert caught.value.message_dict["number"] == [
        "The 11th Virtual Dialogue already exists (“Another dialogue”). Choose another number."
    ]
    assert list(Dialogue.objects.values_list("title", flat=True)) == ["Another dialogue"]
    assert Forum.objects.count() == 1


def test_staff_cannot_delete_a_dialogue_in_the_admin(facilitator: Member) -> None:
    dialogue = create(facilitator)
    admin = make_staff()
    client = Client()
    client.force_login(admin)

    response = client.post(f"/admin/dialogues/dialogue/{dialogue.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Dialogue.objects.filter(pk=dialogue.pk).exists()


def test_the_forms_themselves_refuse_those_days_and_numbers() -> None:
    dialogue_form = DialogueForm(
        form_data(number=str(10**20), opens_on="9999-12-31", closes_on="0001-01-01")
    )
    webinar_form = WebinarForm(webinar_data(day="9999-12-31", capacity=str(10**20)))

    assert not dialogue_form.is_valid()
    assert "number" in dialogue_form.errors
    assert dialogue_form.errors["opens_on"] == [YEARS]
    assert dialogue_form.errors["closes_on"] == [YEARS]
    assert not webinar_form.is_valid()
    assert webinar_form.errors["day"] == [YEARS]
    assert "capacity" in webinar_form.errors
