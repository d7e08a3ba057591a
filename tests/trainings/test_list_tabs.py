"""The tabs: open for applications (nearest deadline first), starting soon, all, archive."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from tertulia.trainings.models import TrainingStatus
from tertulia.trainings.queries import closing_soon
from tests.trainings.conftest import page_text
from tests.trainings.factories import make_training

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def trainings() -> None:
    make_training(
        title="Closes late",
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 10, 1),
        deadline_on=date(2026, 7, 15),
    )
    make_training(
        title="Closes soon",
        starts_on=date(2026, 7, 20),
        ends_on=date(2026, 9, 1),
        deadline_on=date(2026, 6, 4),
    )
    make_training(
        title="Already closed",
        starts_on=date(2026, 6, 10),
        ends_on=date(2026, 7, 10),
        deadline_on=date(2026, 5, 20),
    )
    make_training(
        title="Long over",
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 4, 1),
        deadline_on=date(2026, 2, 1),
    )
    make_training(
        title="Ended last week",
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 5, 25),
        deadline_on=date(2026, 3, 1),
    )
    make_training(
        title="Waiting suggestion",
        status=TrainingStatus.PENDING,
        starts_on=date(2026, 8, 1),
        ends_on=date(2026, 9, 1),
        deadline_on=date(2026, 6, 20),
    )
    make_training(
        title="Declined suggestion",
        status=TrainingStatus.DECLINED,
        starts_on=date(2026, 8, 1),
        ends_on=date(2026, 9, 1),
        deadline_on=date(2026, 6, 20),
    )


def _titles(body: str, *titles: str) -> list[str]:
    """The titles found in the page, in the order they appear."""
    found = [title for title in titles if f">{title}</a>" in body]
    return sorted(found, key=lambda title: body.index(f">{title}</a>"))


ALL = (
    "Closes late",
    "Closes soon",
    "Already closed",
    "Long over",
    "Ended last week",
    "Waiting suggestion",
    "Declined suggestion",
)


@time_machine.travel(NOW, tick=False)
def test_open_tab_lists_open_trainings_by_deadline_with_days_left(
    client: Client, trainings: None
) -> None:
    body = page_text(client.get("/trainings/"))

    assert _titles(body, *ALL) == ["Closes soon", "Closes late"]
    assert "Closes in 3 days" in body
    assert "Closes in 44 days" in body


@time_machine.travel(NOW, tick=False)
def test_all_tab_keeps_closed_trainings_until_they_end(client: Client, trainings: None) -> None:
    body = page_text(client.get("/trainings/all/"))

    # By start date; the closed one stays listed and says so.
    assert _titles(body, *ALL) == ["Already closed", "Closes soon", "Closes late"]
    assert "Applications closed" in body


@time_machine.travel(NOW, tick=False)
def test_starting_soon_lists_trainings_by_start_within_the_coming_weeks(
    client: Client, trainings: None
) -> None:
    make_training(title="Next year", starts_on=date(2027, 2, 1), ends_on=date(2027, 3, 1))

    body = page_text(client.get("/trainings/soon/"))

    assert _titles(body, *ALL, "Next year") == ["Already closed", "Closes soon"]


@time_machine.travel(NOW, tick=False)
def test_archive_lists_ended_trainings_most_recent_first(client: Client, trainings: None) -> None:
    body = page_text(client.get("/trainings/archive/"))

    assert _titles(body, *ALL) == ["Ended last week", "Long over"]
    assert ">Ended</p>" in body


@time_machine.travel(NOW, tick=False)
def test_the_current_tab_is_marked_for_screen_readers(client: Client, trainings: None) -> None:
    body = page_text(client.get("/trainings/archive/"))

    assert 'href="/trainings/archive/" aria-current="page">Archive</a>' in body


def test_the_main_navigation_links_to_the_trainings(client: Client) -> None:
    body = page_text(client.get("/trainings/"))

    assert '<a href="/trainings/" aria-current="page">Trainings</a>' in body


@time_machine.travel(NOW, tick=False)
def test_a_training_moves_from_open_to_closed_to_archive_as_time_passes(client: Client) -> None:
    make_training(
        title="Moving through",
        starts_on=date(2026, 6, 10),
        ends_on=date(2026, 6, 20),
        deadline_on=date(2026, 6, 5),
        time_zone="Pacific/Auckland",
    )

    assert "Moving through" in page_text(client.get("/trainings/"))
    with time_machine.travel(datetime(2026, 6, 5, 12, 0, tzinfo=UTC), tick=False):
        # 6 June 00:00 in Auckland (UTC+12 in winter): applications closed.
        assert "Moving through" not in page_text(client.get("/trainings/"))
        assert "Moving through" in page_text(client.get("/trainings/all/"))
    with time_machine.travel(datetime(2026, 6, 20, 12, 0, tzinfo=UTC), tick=False):
        assert "Moving through" not in page_text(client.get("/trainings/all/"))
        assert "Moving through" in page_text(client.get("/trainings/archive/"))


@time_machine.travel(NOW, tick=False)
def test_the_list_is_paginated(client: Client) -> None:
    for number in range(23):
        make_training(
            title=f"Course {number:02d}",
            starts_on=date(2026, 9, 1),
            ends_on=date(2026, 10, 1),
            deadline_on=date(2026, 7, 1 + number),
        )

    first = page_text(client.get("/trainings/"))
    second = page_text(client.get("/trainings/?page=2"))

    assert ">Course 19</a>" in first
    assert ">Course 20</a>" not in first
    assert ">Course 20</a>" in second
    assert "Page 2 of 2" in second


@time_machine.travel(NOW, tick=False)
def test_closing_soon_gives_the_nearest_deadlines_for_the_home_page(trainings: None) -> None:
    assert [t.title for t in closing_soon(limit=1)] == ["Closes soon"]
