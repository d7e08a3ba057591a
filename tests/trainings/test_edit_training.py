"""Facilitators edit any training; members may correct their own suggestion while it waits."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.trainings.models import TrainingStatus
from tertulia.trainings.services.review import publish_training
from tertulia.trainings.services.trainings import suggest_training, update_training
from tests.factories import make_member
from tests.trainings.factories import details, form_data, make_training

pytestmark = pytest.mark.django_db


def test_a_facilitator_edits_a_training(facilitator_client: Client) -> None:
    training = make_training(title="Old title")

    response = facilitator_client.post(
        f"/trainings/{training.pk}/edit/",
        form_data(title="Care economy lectures", format="face_to_face", location="Bogotá"),
    )

    training.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/trainings/{training.pk}/care-economy-lectures/"
    assert training.title == "Care economy lectures"
    assert training.location == "Bogotá"
    assert training.status == TrainingStatus.PUBLISHED


def test_the_edit_form_shows_the_current_values(facilitator_client: Client) -> None:
    training = make_training(title="Feminist pedagogy", languages=["en", "sw"])

    body = facilitator_client.get(f"/trainings/{training.pk}/edit/").content.decode()

    assert 'value="Feminist pedagogy"' in body
    assert 'value="sw"' in body  # other languages are typed as codes


def test_a_member_corrects_their_waiting_suggestion(member: Member, facilitator: Member) -> None:
    training = suggest_training(member, details(title="Typo in the titel"))

    update_training(member, training, details(title="Typo in the title"))
    publish_training(facilitator, training)

    assert training.title == "Typo in the title"
    with pytest.raises(PermissionDenied):
        update_training(member, training, details(title="Changed after publishing"))


def test_other_members_cannot_edit(member: Member) -> None:
    training = suggest_training(member, details())
    other = Client()
    other.force_login(make_member())

    assert other.get(f"/trainings/{training.pk}/edit/").status_code == 403
    assert (
        other.post(f"/trainings/{training.pk}/edit/", form_data(title="Hijacked")).status_code
        == 403
    )
    training.refresh_from_db()
    assert training.title == "Gender-responsive evaluation"
