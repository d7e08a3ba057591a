"""Open for applications, applications closed, ended: with frozen time, in the provider's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from tertulia.trainings.models import end_of_day
from tertulia.trainings.states import (
    ApplicationState,
    application_state,
    days_left_to_apply,
    state_label,
)
from tests.trainings.factories import make_training

pytestmark = pytest.mark.django_db


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_deadline_in_auckland_closes_at_the_end_of_that_day_there() -> None:
    training = make_training(
        starts_on=date(2026, 3, 20),
        ends_on=date(2026, 4, 30),
        deadline_on=date(2026, 3, 10),
        time_zone="Pacific/Auckland",
    )

    # Auckland keeps summer time (UTC+13) in March: midnight there is 11:00 UTC.
    assert training.applications_close_at == at(2026, 3, 10, 11, 0)
    assert application_state(training, at(2026, 3, 10, 10, 59)) == ApplicationState.OPEN
    assert application_state(training, at(2026, 3, 10, 11, 0)) == ApplicationState.CLOSED


def test_a_deadline_in_a_zone_behind_utc_stays_open_after_midnight_utc() -> None:
    training = make_training(
        starts_on=date(2026, 9, 4),
        ends_on=date(2026, 10, 13),
        deadline_on=date(2026, 8, 18),
        time_zone="America/Santo_Domingo",  # UTC-4 all year
    )

    assert training.applications_close_at == at(2026, 8, 19, 4, 0)
    assert application_state(training, at(2026, 8, 19, 3, 59)) == ApplicationState.OPEN


def test_after_the_deadline_applications_are_closed_until_the_end() -> None:
    training = make_training(
        starts_on=date(2026, 9, 4),
        ends_on=date(2026, 10, 13),
        deadline_on=date(2026, 8, 18),
        time_zone="Europe/Zurich",
    )

    with time_machine.travel(at(2026, 9, 20, 12, 0), tick=False):
        assert application_state(training) == ApplicationState.CLOSED
        assert state_label(training) == "applications closed"
        assert days_left_to_apply(training) is None


def test_after_its_last_day_a_training_has_ended() -> None:
    training = make_training(
        starts_on=date(2026, 9, 4),
        ends_on=date(2026, 10, 13),
        deadline_on=date(2026, 8, 18),
        time_zone="Europe/Zurich",  # UTC+2 in October
    )

    assert application_state(training, at(2026, 10, 13, 21, 59)) == ApplicationState.CLOSED
    with time_machine.travel(at(2026, 10, 13, 22, 0), tick=False):
        assert application_state(training) == ApplicationState.ENDED
        assert state_label(training) == "ended"


def test_days_left_are_counted_in_the_providers_zone() -> None:
    training = make_training(
        starts_on=date(2026, 3, 20),
        ends_on=date(2026, 4, 30),
        deadline_on=date(2026, 3, 10),
        time_zone="Pacific/Auckland",
    )

    # 7 March 12:00 UTC is already 8 March 01:00 in Auckland: two days left, not three.
    with time_machine.travel(at(2026, 3, 7, 12, 0), tick=False):
        assert days_left_to_apply(training) == 2
        assert state_label(training) == "closes in 2 days"
    with time_machine.travel(at(2026, 3, 9, 12, 0), tick=False):
        assert state_label(training) == "closes today"


def test_without_a_deadline_one_may_apply_until_the_end() -> None:
    training = make_training(
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 31),
        deadline_on=None,
        time_zone="Africa/Nairobi",
    )

    assert training.applications_close_at == end_of_day(date(2026, 5, 31), "Africa/Nairobi")
    with time_machine.travel(at(2026, 5, 20, 9, 0), tick=False):
        assert application_state(training) == ApplicationState.OPEN
        assert state_label(training) == "closes in 11 days"


def test_the_state_is_shown_on_the_training_page(client: Client) -> None:
    training = make_training(
        starts_on=date(2026, 9, 4),
        ends_on=date(2026, 10, 13),
        deadline_on=date(2026, 8, 18),
        time_zone="Europe/Zurich",
    )
    url = f"/trainings/{training.pk}/{training.slug}/"

    with time_machine.travel(at(2026, 8, 15, 8, 0), tick=False):
        assert "Open for applications: closes in 3 days" in client.get(url).content.decode()
    with time_machine.travel(at(2026, 9, 1, 8, 0), tick=False):
        assert "Applications closed" in client.get(url).content.decode()
    with time_machine.travel(at(2026, 11, 1, 8, 0), tick=False):
        assert ">Ended</p>" in client.get(url).content.decode()


def test_a_day_whose_midnight_is_skipped_starts_at_the_jump() -> None:
    # Chile moves its clocks from 00:00 to 01:00 on 6 September 2026 (UTC-4 to UTC-3).
    training = make_training(
        starts_on=date(2026, 9, 6),
        ends_on=date(2026, 9, 30),
        deadline_on=date(2026, 9, 5),
        time_zone="America/Santiago",
    )

    assert training.starts_at == at(2026, 9, 6, 4, 0)
    assert training.applications_close_at == training.starts_at
    assert end_of_day(date(2026, 9, 30), "America/Santiago") == at(2026, 10, 1, 3, 0)
