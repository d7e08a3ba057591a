"""Bench trainings: many rows in bulk, indexed for search, with the same text each time."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tertulia.search.queries import SearchRequest, search
from tertulia.trainings.benchdata import generate_trainings
from tertulia.trainings.models import Training, TrainingStatus

pytestmark = pytest.mark.django_db


def test_generate_trainings_writes_indexes_and_reports_progress() -> None:
    steps: list[int] = []

    written = generate_trainings(60, progress=steps.append)

    assert written == 60 == Training.objects.count()
    assert sum(steps) == 60
    assert Training.objects.filter(status=TrainingStatus.PUBLISHED).count() > 40
    assert {t.language for t in Training.objects.all()} == {"en", "es", "fr"}
    for training in Training.objects.all():
        assert training.ends_on >= training.starts_on
        assert training.deadline_on is None or training.deadline_on <= training.ends_on
    results = search(AnonymousUser(), SearchRequest(text="pedagogy", kind="training"))
    assert results.count() >= 1
