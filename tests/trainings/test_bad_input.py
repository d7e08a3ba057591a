"""Bad input gets a clear message at its field, and nothing is saved."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.trainings.models import Training, TrainingFormat
from tertulia.trainings.services.trainings import suggest_training, update_training
from tests.trainings.conftest import page_text
from tests.trainings.factories import details, form_data, make_training

pytestmark = pytest.mark.django_db

TODAY = timezone.now().date()


def _errors(member: Member, **changes: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        suggest_training(member, details(**changes))
    assert not Training.objects.exists()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"deadline_on": TODAY + timedelta(days=100)},
            "deadline_on",
            "The application deadline cannot be after the last day of the training",
        ),
        (
            {"ends_on": TODAY + timedelta(days=20)},
            "ends_on",
            "The last day cannot be before the first day",
        ),
        ({"url": "javascript:alert(1)"}, "url", "starts with http:// or https://"),
        ({"url": "file:///etc/passwd"}, "url", "starts with http:// or https://"),
        ({"url": "ftp://example.org/course"}, "url", "starts with http:// or https://"),
        (
            {"is_free": False, "cost_amount": Decimal("-10"), "currency": "EUR"},
            "cost_amount",
            "A cost cannot be negative.",
        ),
        (
            {"is_free": False, "cost_amount": Decimal("100"), "currency": "ZZZ"},
            "currency",
            "“ZZZ” is not a currency we know.",
        ),
        (
            {"is_free": False, "cost_amount": None, "currency": "EUR"},
            "cost_amount",
            "Give the cost, or choose “Free”.",
        ),
        (
            {"is_free": False, "cost_amount": Decimal("100"), "currency": ""},
            "currency",
            "three-letter code",
        ),
        (
            {"format": TrainingFormat.FACE_TO_FACE, "location": "  "},
            "location",
            "A face-to-face training needs a location",
        ),
        (
            {"format": TrainingFormat.BLENDED, "location": ""},
            "location",
            "A blended training needs a location",
        ),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "is not a time zone we know"),
        ({"languages": []}, "languages", "Choose at least one language"),
        ({"languages": ["xx"]}, "languages", "“xx” is not a language code we know"),
        ({"title": "  "}, "title", "Give the training's title."),
        ({"title": "x" * 300}, "title", "Keep this under 200 characters"),
        ({"provider": "UN\u202eWomen"}, "provider", "invisible text-direction"),
        ({"format": "telepathy"}, "format", "Choose how the training is given."),
        ({"starts_on": None}, "starts_on", "Give the first day"),
        (
            {"starts_on": date(9999, 12, 1), "ends_on": date(9999, 12, 31)},
            "ends_on",
            "between the years 1900 and 2999",
        ),
        ({"deadline_on": date(1, 1, 1)}, "deadline_on", "between the years 1900 and 2999"),
    ],
)
def test_bad_details_are_refused_at_their_field(
    member: Member, changes: dict[str, Any], field: str, message: str
) -> None:
    errors = _errors(member, **changes)

    assert message in " ".join(errors[field])


def test_every_problem_is_reported_at_once(member: Member) -> None:
    errors = _errors(
        member,
        url="javascript:alert(1)",
        is_free=False,
        cost_amount=Decimal("-1"),
        currency="ABC",
        deadline_on=TODAY + timedelta(days=200),
    )

    assert set(errors) == {"url", "cost_amount", "currency", "deadline_on"}


def test_a_paid_training_keeps_its_amount_and_normalised_currency(member: Member) -> None:
    training = suggest_training(
        member, details(is_free=False, cost_amount=Decimal("1250.50"), currency=" eur ")
    )

    assert training.cost_amount == Decimal("1250.50")
    assert training.currency == "EUR"


def test_a_free_training_stores_no_amount(member: Member) -> None:
    training = suggest_training(
        member, details(is_free=True, cost_amount=Decimal("12"), currency="USD")
    )

    assert training.cost_amount is None
    assert training.currency == ""


def test_a_failed_edit_changes_nothing(facilitator: Member) -> None:
    training = make_training(title="Kept as it was")

    with pytest.raises(ValidationError):
        update_training(facilitator, training, details(title="Changed", url="file:///etc"))

    training.refresh_from_db()
    assert training.title == "Kept as it was"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"deadline_on": (TODAY + timedelta(days=100)).isoformat()},
            "deadline_on",
            "The application deadline cannot be after the last day of the training",
        ),
        (
            {"ends_on": (TODAY + timedelta(days=1)).isoformat()},
            "ends_on",
            "The last day cannot be before the first day",
        ),
        ({"url": "javascript:alert(1)"}, "url", "starts with http:// or https://"),
        (
            {"cost_kind": "paid", "cost_amount": "-5", "currency": "EUR"},
            "cost_amount",
            "A cost cannot be negative.",
        ),
        (
            {"cost_kind": "paid", "cost_amount": "40", "currency": "EURO"},
            "currency",
            "is not a currency we know",
        ),
        ({"cost_kind": "paid", "cost_amount": "cheap", "currency": "EUR"}, "cost_amount", "number"),
        ({"format": "face_to_face"}, "location", "A face-to-face training needs a location"),
        ({"starts_on": "next tuesday"}, "starts_on", "year-month-day"),
    ],
)
def test_the_form_shows_the_message_at_the_field(
    member_client: Client, changes: dict[str, Any], field: str, message: str
) -> None:
    response = member_client.post("/trainings/suggest/", form_data(**changes))

    assert response.status_code == 200
    body = page_text(response)
    assert "Nothing is saved yet" in body
    assert f'id="id_{field}_error"' in body
    error_list = body[body.index(f'id="id_{field}_error"') :][:600]
    assert message in error_list.replace("&#x27;", "'").replace("&quot;", '"')
    assert not Training.objects.exists()


def test_a_ten_thousand_character_title_is_refused_calmly(member_client: Client) -> None:
    response = member_client.post("/trainings/suggest/", form_data(title="é" * 10_000))

    assert response.status_code == 200
    assert "Keep this under 200 characters" in page_text(response)
    assert not Training.objects.exists()
