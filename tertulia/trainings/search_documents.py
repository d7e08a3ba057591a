"""Trainings in the one search box: published ones only, kept in step with every write.

A training's document carries its title, and as body its provider, description,
audience, location and its themes' names in every language. Saving or deleting a
training reindexes it in the same transaction; waiting and declined trainings are
left out by `documents`, so `reindex_objects` removes them (a published training that
a facilitator declines leaves the index). Changing a training's themes, or a theme's
names, reindexes the trainings concerned. `bulk_create` (bench data) sends no signal:
`tertulia reindex` indexes those.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tertulia.core.models import Theme
from tertulia.search.registry import (
    EVERYONE,
    Document,
    follow_model,
    html_to_text,
    in_batches,
    register,
    reindex_objects,
)
from tertulia.trainings.models import Training, TrainingStatus

KIND = "training"


def _published() -> QuerySet[Training]:
    return Training.objects.filter(status=TrainingStatus.PUBLISHED)


def training_document(training: Training) -> Document:
    themes = [
        name
        for theme in training.themes.all()
        for name in (theme.name_en, theme.name_es, theme.name_fr)
        if name
    ]
    body = "\n".join(
        part
        for part in (
            str(training.provider),
            html_to_text(str(training.description_html)),
            str(training.audience),
            str(training.location),
            " · ".join(themes),
        )
        if part
    )
    return Document(
        kind=KIND,
        object_id=training.pk,
        title=str(training.title),
        body=body,
        language=str(training.language),
        url=reverse("training-detail", kwargs={"training_id": training.pk, "slug": training.slug}),
        date=training.published_at or training.created_at,
        access=EVERYONE,
    )


class TrainingSource:
    kind = KIND
    label = _("Trainings")

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        for training in in_batches(_published().prefetch_related("themes"), ids):
            yield training_document(training)

    def count(self) -> int:
        return int(_published().count())


def _themes_changed(
    sender: Any, instance: Training | Theme, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Training):
        reindex_objects(KIND, [instance.pk])
    elif pk_set:  # from the theme's side: `theme.trainings.add(...)`
        reindex_objects(KIND, pk_set)


def _trainings_of(theme: Theme) -> list[int]:
    return list(Training.objects.filter(themes=theme).values_list("pk", flat=True))


register(TrainingSource())
follow_model(Training, KIND)
follow_model(Theme, KIND, object_ids=_trainings_of)
m2m_changed.connect(
    _themes_changed, sender=Training.themes.through, dispatch_uid="search:training:themes"
)
