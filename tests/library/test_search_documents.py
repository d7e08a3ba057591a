"""Resources in search: published ones only, following every publish, decline and delete."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.core.models import Theme
from tertulia.library.models import Resource, ResourceStatus
from tertulia.library.services.resources import Related, edit_resource, submit_resource
from tertulia.library.services.review import approve_resource, decline_resource
from tertulia.library.services.themes import create_theme, rename_theme
from tertulia.search import registry
from tertulia.search.queries import SearchRequest, search

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    results = search(AnonymousUser(), SearchRequest(text=text, kind="resource"))
    return [str(result.url) for result in results[:20]]


def address(resource: Resource) -> str:
    return reverse("resource-detail", kwargs={"resource_id": resource.pk, "slug": resource.slug})


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
    assert found("soins") == [address(resource)]
    care.name_fr = "Économie du care"
    care.save()
    assert len(found("care")) == 1
    assert found("soins") == []

    # A word in no other name or field: found only through the renamed one.
    assert found("domestique") == []
    care.name_fr = "Économie domestique"
    care.save()
    assert found("domestique") == [address(resource)]


def test_renaming_a_theme_through_the_service_reindexes_its_resources(
    facilitator: Member,
) -> None:
    theme = create_theme(facilitator, name_en="Unpaid work")
    resource = suggest(facilitator, title="Time-use surveys", description="Counting hours.")
    resource.themes.set([theme])
    assert found("unpaid") == [address(resource)]

    rename_theme(facilitator, theme, name_en="Unpaid work", name_fr="Travail invisible")

    assert found("invisible") == [address(resource)]


def test_a_rename_whose_reindexing_fails_is_not_saved(
    facilitator: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme = create_theme(facilitator, name_en="Unpaid work")
    suggest(facilitator, title="Time-use surveys").themes.set([theme])

    def broken(documents: object) -> None:
        raise RuntimeError("search index unavailable")

    monkeypatch.setattr(registry, "index", broken)
    with pytest.raises(RuntimeError):
        rename_theme(facilitator, theme, name_en="Care work")

    assert Theme.objects.get(pk=theme.pk).name_en == "Unpaid work"


def test_deleting_a_theme_takes_its_names_out_of_its_resources(facilitator: Member) -> None:
    theme = Theme.objects.create(
        slug="care-economy", name_en="Care economy", name_es="Economía del cuidado"
    )
    resource = suggest(facilitator, title="Time-use surveys", description="Counting hours.")
    resource.themes.set([theme])
    assert found("cuidado") == [address(resource)]

    theme.delete()

    assert found("cuidado") == []
    assert found("surveys") == [address(resource)]


def test_the_search_page_finds_a_portuguese_resource_by_its_language(
    facilitator: Member, client: Client
) -> None:
    resource = suggest(
        facilitator,
        title="Guia de formação em igualdade de gênero",
        description="Metodologias participativas para formadoras e formadores em igualdade.",
        description_language="pt",
    )
    suggest(facilitator, title="Guía de formación en igualdad de género")

    response = client.get("/search/", {"q": "igualdade", "language": "pt"})

    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{address(resource)}"' in page
    assert "1 result" in page
