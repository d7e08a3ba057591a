"""The bench catalogue command tops the resources and trainings up to the asked counts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from tertulia.library.models import Resource
from tertulia.trainings.models import Training
from tests.factories import make_facilitator

pytestmark = pytest.mark.django_db


def test_bench_catalogue_tops_up_to_the_asked_counts() -> None:
    make_facilitator()
    out = StringIO()

    call_command("bench_catalogue", resources=30, trainings=12, stdout=out)
    call_command("bench_catalogue", resources=30, trainings=12, stdout=out)

    assert Resource.objects.count() == 30
    assert Training.objects.count() == 12
    assert "30 resources and 12 trainings." in out.getvalue()
