"""Resources in search: published ones only, following every publish, decline and delete."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.core.models import Theme
from tertulia.library.models import Resource, ResourceStatus
from tertulia.library.services.resources import Related, edit_resource, submit_resource
from tertulia.library.services.review import approve_resource, decline_resource
from tertulia.search.queries import SearchRequest, search

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    results = search(AnonymousUser(), SearchRequest(text=text, kind="resource"))
    return [str(result.url) for result in results[:20]]


def suggest(member: Member, **fields: object) -> Resource:
    values: dict[str, object] = {
        "title": "Escuela de formación feminista",
        "kind": "manual",
        "description": "Metodología de educación popular feminista para capacitadoras.",
        "url": "https://example.org/escuela",
    }
    values.update(fields)
    return submit_resource(member, **values)  # type: ignore[arg-type]


def test_a_suggestion_is_found_only_once_published(member: Member, facilitator: Member) -> None:
    resource = suggest(member)
    assert found("formacion feminista") == []

    approve_resource(facilitator, resource)

    url = reverse("resource-detail", kwargs={"resource_id": resource.pk, "slug": resource.slug})
    assert found("formacion feminista") == [url]


def test_declining_or_deleting_takes_it_out(facilitator: Member) -> None:
    declined = suggest(facilitator)
    deleted = suggest(facilitator, title="Capacitación feminista en línea")
    assert len(found("feminista")) == 2

    decline_resource(facilitator, declined, reason="Duplicate.")
    Resource.objects.filter(pk=deleted.pk).delete()
    assert Resource.objects.get(pk=declined.pk).status == ResourceStatus.DECLINED

    assert found("feminista") == []


def test_themes_names_in_every_language_are_searchable(facilitator: Member) -> None:
    care = Theme.objects.create(
        slug="care-economy",
        name_en="Care economy",
        name_es="Economía del cuidado",
        name_fr="Économie des soins",
    )
    resource = suggest(facilitator, title="Time-use surveys", description="Counting hours.")
    assert found("cuidado") == []

    edit_resource(
        facilitator,
        resource,
        title=resource.title,
        kind=resource.kind,
        description=resource.description,
        url=resource.url,
        related=Related(themes=[care]),
    )

    assert len(found("cuidado")) == 1
    care.name_fr = "Économie du care"
    care.save()
    assert len(found("care")) == 1
