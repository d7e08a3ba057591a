"""The demo library: enough resources, in three languages, through the services."""

from __future__ import annotations

import pytest

from tertulia.library.demo import create_demo_resources
from tertulia.library.models import Resource, ResourceStatus
from tests.factories import make_facilitator, make_member

pytestmark = pytest.mark.django_db


def test_demo_creates_forty_resources_in_three_languages_once() -> None:
    facilitators = [make_facilitator(), make_facilitator()]
    members = [make_member() for _ in range(4)]

    resources = create_demo_resources(facilitators, members)
    again = create_demo_resources(facilitators, members)

    assert len(resources) >= 40
    assert [r.pk for r in again] == [r.pk for r in resources]
    assert Resource.objects.count() == len(resources)
    languages = set(Resource.objects.values_list("description_language", flat=True))
    assert {"en", "es", "fr"} <= languages
    for code in ("en", "es", "fr"):
        assert Resource.objects.filter(description_language=code).count() >= 10
    statuses = list(Resource.objects.values_list("status", flat=True))
    assert statuses.count(ResourceStatus.PENDING) >= 3
    assert Resource.objects.filter(is_featured=True, status=ResourceStatus.PUBLISHED).count() >= 3
    with_files = Resource.objects.exclude(file="")
    assert with_files.count() >= 4
    assert {r.file_content_type.split(";")[0] for r in with_files} >= {
        "application/pdf",
        "text/plain",
        "text/csv",
    }
    assert all(r.url.startswith("https://") for r in Resource.objects.filter(file=""))
    assert len(set(Resource.objects.values_list("kind", flat=True))) == 8
    assert Resource.objects.filter(themes__isnull=False).distinct().count() == len(resources)
