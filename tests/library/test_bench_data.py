"""Bench resources: bulk-written, filed, in three languages, and found by search."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tertulia.library.benchdata import generate_resources
from tertulia.library.models import Resource, ResourceLanguage, ResourceStatus
from tertulia.search.queries import SearchRequest, search

pytestmark = pytest.mark.django_db


def test_generate_resources_writes_indexed_resources_with_progress() -> None:
    steps: list[int] = []

    written = generate_resources(120, progress=steps.append)

    assert written == 120
    assert sum(steps) == 120
    assert Resource.objects.count() == 120
    published = Resource.objects.filter(status=ResourceStatus.PUBLISHED)
    assert published.count() > 100
    assert set(Resource.objects.values_list("description_language", flat=True)) == {
        "en",
        "es",
        "fr",
    }
    assert ResourceLanguage.objects.count() >= 120
    assert Resource.objects.filter(themes__isnull=True).count() == 0
    assert search(AnonymousUser(), SearchRequest(text="pedagogy", kind="resource")).count() > 0


def test_generate_resources_adds_to_what_is_there() -> None:
    generate_resources(5)
    generate_resources(5)
    assert Resource.objects.count() == 10
