"""Members suggest trainings; suggestions wait for a facilitator, who may also publish directly."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.trainings.models import Training, TrainingStatus
from tertulia.trainings.services.trainings import MAX_PENDING_SUGGESTIONS, suggest_training
from tests.factories import make_member
from tests.trainings.conftest import page_text
from tests.trainings.factories import details, form_data, make_theme

pytestmark = pytest.mark.django_db


def test_a_members_suggestion_waits_for_review(member_client: Client, member: Member) -> None:
    theme = make_theme(slug="evaluation", name_en="Evaluation of training")

    response = member_client.post("/trainings/suggest/", form_data(themes=[theme.pk]), follow=True)

    training = Training.objects.get()
    assert training.status == TrainingStatus.PENDING
    assert training.suggested_by == member
    assert list(training.themes.all()) == [theme]
    assert training.description_html == "<p>How to manage a gender-responsive evaluation.</p>\n"
    body = page_text(response)
    assert "Your suggestion waits for a facilitator" in body
    assert "This suggestion is waiting for a facilitator's review" in body


def test_a_suggestion_is_not_listed_until_published(client: Client, member_client: Client) -> None:
    member_client.post("/trainings/suggest/", form_data())

    assert "Gender-responsive evaluation" not in page_text(client.get("/trainings/"))


def test_a_suggestion_is_seen_only_by_its_member_and_the_facilitators(
    member: Member, client: Client, member_client: Client, facilitator_client: Client
) -> None:
    training = suggest_training(member, details())
    url = f"/trainings/{training.pk}/{training.slug}/"
    other = Client()
    other.force_login(make_member())

    assert member_client.get(url).status_code == 200
    assert facilitator_client.get(url).status_code == 200
    assert other.get(url).status_code == 403
    assert client.get(url).status_code == 403


def test_a_facilitator_can_publish_directly(
    facilitator_client: Client, facilitator: Member, client: Client
) -> None:
    facilitator_client.post("/trainings/suggest/", form_data(publish="on"))

    training = Training.objects.get()
    assert training.status == TrainingStatus.PUBLISHED
    assert training.reviewed_by == facilitator
    assert training.published_at is not None
    assert "Gender-responsive evaluation" in page_text(client.get("/trainings/"))


def test_a_member_cannot_publish_directly(member: Member, member_client: Client) -> None:
    member_client.post("/trainings/suggest/", form_data(publish="on"))

    assert Training.objects.get().status == TrainingStatus.PENDING
    with pytest.raises(PermissionDenied):
        suggest_training(member, details(), publish=True)


def test_visitors_are_asked_to_sign_in(client: Client) -> None:
    response = client.get("/trainings/suggest/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_suggest_page_lists_ones_own_suggestions(member: Member, member_client: Client) -> None:
    suggest_training(member, details(title="Feminist pedagogy online"))

    body = page_text(member_client.get("/trainings/suggest/"))

    assert "Feminist pedagogy online" in body
    assert "Waiting for review" in body


def test_the_form_starts_in_the_members_time_zone(member_client: Client) -> None:
    body = page_text(member_client.get("/trainings/suggest/"))

    assert '<option value="America/Sao_Paulo" selected>' in body


def test_a_member_cannot_flood_the_queue(member: Member, member_client: Client) -> None:
    for number in range(MAX_PENDING_SUGGESTIONS):
        suggest_training(member, details(title=f"Course {number}"))

    response = member_client.post("/trainings/suggest/", form_data(title="One more"))

    assert "You have 10 suggestions waiting for review." in page_text(response)
    assert Training.objects.count() == MAX_PENDING_SUGGESTIONS
