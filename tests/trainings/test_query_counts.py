"""List, detail and queue pages read the database a fixed number of times."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.trainings.models import Training, TrainingStatus
from tests.factories import make_forum, make_thread
from tests.trainings.factories import make_theme, make_training

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_cached(db: None) -> None:
    SiteSettings.current()  # created and cached once, as on a running site


def _trainings(count: int, **fields: Any) -> list[Training]:
    themes = [
        make_theme(slug="intersectionality", name_en="Intersectionality"),
        make_theme(slug="feminist-pedagogy", name_en="Feminist pedagogy"),
    ]
    return [
        make_training(title=f"Course {number}", themes=themes, languages=["en", "fr"], **fields)
        for number in range(count)
    ]


@pytest.mark.parametrize("count", [2, 10])
@pytest.mark.parametrize("path", ["/trainings/", "/trainings/all/", "/trainings/soon/"])
def test_list_query_count_does_not_grow(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, count: int, path: str
) -> None:
    _trainings(count)

    # page count, page rows, their themes, themes and languages for the filters
    with django_assert_num_queries(5):
        response = client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 10])
def test_archive_query_count_does_not_grow(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    past = timezone.now().date() - timedelta(days=100)
    _trainings(count, starts_on=past, ends_on=past + timedelta(days=5), deadline_on=past)

    with django_assert_num_queries(5):
        client.get("/trainings/archive/?cost=free&language=en&theme=intersectionality")


@pytest.mark.parametrize("count", [2, 10])
def test_signed_in_list_query_count_does_not_grow(
    member_client: Client, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    _trainings(count)

    # + the session and the member
    with django_assert_num_queries(7):
        member_client.get("/trainings/")


def test_detail_query_count(
    member_client: Client, member: Member, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    training = _trainings(1)[0]
    training.thread = make_thread(forum=make_forum(title="Trainings talk"))
    training.save()

    # session, member, the training with its thread and forum, its themes
    with django_assert_num_queries(4):
        response = member_client.get(f"/trainings/{training.pk}/{training.slug}/")
    assert f'href="/forums/t/{training.thread.pk}/"' in response.content.decode()


@pytest.mark.parametrize("count", [2, 10])
def test_queue_query_count_does_not_grow(
    facilitator_client: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
    member: Member,
    count: int,
) -> None:
    _trainings(count, status=TrainingStatus.PENDING, suggested_by=member)
    _trainings(count, status=TrainingStatus.DECLINED, suggested_by=member)

    # session, member, count, page rows with their members, their themes, recently declined
    with django_assert_num_queries(6):
        facilitator_client.get("/trainings/queue/")
