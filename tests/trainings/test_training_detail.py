"""A training's page: its state, dates, cost in the viewer's notation, link out, discussion."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from tertulia.forums.models import Access
from tests.factories import make_forum, make_member, make_thread
from tests.trainings.conftest import page_text
from tests.trainings.factories import make_theme, make_training

pytestmark = pytest.mark.django_db


def _url(training: object) -> str:
    return f"/trainings/{training.pk}/{training.slug}/"  # type: ignore[attr-defined]


def _client_in(language: str) -> Client:
    client = Client()
    client.force_login(make_member(interface_language=language))
    return client


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "€1,250.50"), ("es", "1.250,50\xa0€"), ("fr", "1\u202f250,50\xa0€")],
)
def test_the_cost_is_written_in_the_viewers_language(language: str, shown: str) -> None:
    training = make_training(cost_amount=Decimal("1250.50"), currency="EUR")

    body = page_text(_client_in(language).get(_url(training)))

    assert shown in body


def test_a_free_training_says_so(client: Client) -> None:
    assert "<dd>Free</dd>" in page_text(client.get(_url(make_training())))


@time_machine.travel(datetime(2026, 8, 15, 8, 0, tzinfo=UTC), tick=False)
def test_the_page_shows_dates_deadline_and_facts(client: Client) -> None:
    training = make_training(
        title="Participatory Gender Audit",
        starts_on=date(2026, 9, 4),
        ends_on=date(2026, 10, 13),
        deadline_on=date(2026, 8, 18),
        time_zone="Europe/Zurich",
        has_certificate=True,
        audience="Gender focal points",
        themes=[make_theme(slug="evaluation", name_en="Evaluation of training")],
        url="https://www.ilo.org/pga",
    )

    body = page_text(client.get(_url(training)))

    assert "<h1>Participatory Gender Audit</h1>" in body
    assert "Sept. 4, 2026 to Oct. 13, 2026" in body
    assert "Aug. 18, 2026, until midnight Europe/Zurich time" in body
    assert "Open for applications: closes in 3 days" in body
    assert "Yes, participants receive a certificate" in body
    assert "Gender focal points" in body
    assert "Evaluation of training" in body
    assert '<a class="button" href="https://www.ilo.org/pga" rel="noopener">' in body


def test_a_wrong_slug_redirects_to_the_right_address(client: Client) -> None:
    training = make_training(title="Care economy lectures")

    response = client.get(f"/trainings/{training.pk}/old-name/")
    short = client.get(f"/trainings/{training.pk}/")

    assert response.status_code == 301
    assert response["Location"] == f"/trainings/{training.pk}/care-economy-lectures/"
    assert short["Location"] == f"/trainings/{training.pk}/care-economy-lectures/"


def test_an_unknown_training_is_not_found(client: Client) -> None:
    assert client.get("/trainings/999999/nothing/").status_code == 404


def test_the_discussion_thread_is_linked(client: Client) -> None:
    thread = make_thread(title="Has anyone taken the PGA course?")
    training = make_training(thread=thread)

    body = page_text(client.get(_url(training)))

    assert f'<a href="/forums/t/{thread.pk}/">Has anyone taken the PGA course?</a>' in body


def test_a_thread_the_viewer_may_not_read_is_not_linked(client: Client) -> None:
    lounge = make_forum(title="Members lounge", read_access=Access.MEMBERS)
    thread = make_thread(forum=lounge, title="Members only chat")
    training = make_training(thread=thread)

    body = page_text(client.get(_url(training)))

    assert "Members only chat" not in body
    assert "No discussion thread yet." in body


def test_member_written_description_is_sanitised(client: Client) -> None:
    training = make_training(description="Hello <script>alert(1)</script> **world**")

    body = page_text(client.get(_url(training)))

    assert "<script>alert(1)" not in body
    assert "<strong>world</strong>" in body
