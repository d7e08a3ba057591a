"""Resources in the one search box: published ones only, kept in step with every write.

A resource's document carries its title, and as body its description, authors,
publishing organisation and its themes' names in every language (so "cuidados" finds
a resource filed under "care economy"), and the titles and descriptions members
translated it into (so a search in French finds an English manual somebody translated).
Saving or deleting a resource reindexes it in
the same transaction: declined, waiting and unpublished resources are left out by
`documents`, so `reindex_objects` removes them. Changing a resource's themes, or a
theme's names, reindexes the resources concerned. Counting a download is an UPDATE
that sends no signal and changes nothing searchable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch
from django.db.models.signals import m2m_changed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tertulia.core.models import Theme
from tertulia.library.models import Resource, ResourceStatus, ResourceTranslation
from tertulia.search.registry import (
    EVERYONE,
    Document,
    follow_model,
    html_to_text,
    in_batches,
    register,
    reindex_objects,
)

KIND = "resource"


def _published() -> Any:
    return Resource.objects.filter(status=ResourceStatus.PUBLISHED)


def _theme_names(resource: Resource) -> list[str]:
    names: list[str] = []
    for theme in resource.themes.all():
        names += [name for name in (theme.name_en, theme.name_es, theme.name_fr) if name]
    return names


def _translated_texts(resource: Resource) -> list[str]:
    texts: list[str] = []
    for translation in resource.translations.all():
        texts += [translation.title, html_to_text(translation.description_html)]
    return [text for text in texts if text]


def resource_document(resource: Resource) -> Document:
    assert resource.published_at is not None  # noqa: S101  # published resources have one
    body = "\n".join(
        part
        for part in (
            html_to_text(resource.description_html),
            resource.authors,
            resource.organisation,
            " · ".join(_theme_names(resource)),
            *_translated_texts(resource),
        )
        if part
    )
    return Document(
        kind=KIND,
        object_id=resource.pk,
        title=str(resource.title),
        body=body,
        language=str(resource.description_language),
        url=reverse("resource-detail", kwargs={"resource_id": resource.pk, "slug": resource.slug}),
        date=resource.published_at,
        access=EVERYONE,
    )


class ResourceSource:
    kind = KIND
    label = _("Resources")

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        resources = _published().prefetch_related(
            "themes", Prefetch("translations", queryset=ResourceTranslation.objects.order_by("pk"))
        )
        for resource in in_batches(resources, ids):
            yield resource_document(resource)

    def count(self) -> int:
        return int(_published().count())


def _themes_changed(
    sender: Any, instance: Resource | Theme, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Resource):
        reindex_objects(KIND, [instance.pk])
    elif pk_set:  # from the theme's side, `theme.resources.add(...)` (a clear names no ids)
        reindex_objects(KIND, pk_set)


def _resources_of(theme: Theme) -> list[int]:
    return list(Resource.objects.filter(themes=theme).values_list("pk", flat=True))


register(ResourceSource())
follow_model(Resource, KIND, skip_fields=("download_count",))
follow_model(Theme, KIND, object_ids=_resources_of)
follow_model(ResourceTranslation, KIND, object_ids=lambda translation: [translation.resource_id])
m2m_changed.connect(
    _themes_changed, sender=Resource.themes.through, dispatch_uid="search:resource:themes"
)
