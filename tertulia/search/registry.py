"""How an app puts its content into the one search box.

`search` knows no app: each app describes its own content as `Document`s and keeps
the index in step with its writes. To make an app searchable:

1. Create `tertulia/<app>/search_documents.py`. `SearchConfig.ready()` imports every
   app's `search_documents` module at start-up (`autodiscover_modules`), so no
   `apps.py` needs editing.
2. In it, write a `Source`: a `kind` (a short stable name such as "resource"), a
   `label` (lazily translated, shown in the type filter), `documents(ids)` yielding one
   `Document` per object that may appear in search (`ids=None` means every object,
   streamed in batches) and `count()` (for the progress bar of `tertulia reindex`).
   Leave out what must never be found: hidden, unapproved, unpublished or deleted
   objects are simply not yielded; `reindex_objects` then removes them.
3. `register(YourSource())` at import time.
4. Keep the index in step with every write, in the same transaction: `follow_model`
   connects `post_save`/`post_delete` of a model; for a write that sends no signal
   (`QuerySet.update()`, `bulk_create()`), the service calls `reindex_objects(kind,
   ids)` itself. `update_group_access(group, access)` changes who may see every
   document of a group in one statement (a forum that becomes members-only).

Example (`tertulia/library/search_documents.py`)::

    from collections.abc import Iterable, Iterator
    from django.utils.translation import gettext_lazy as _
    from tertulia.library.models import Resource
    from tertulia.search.registry import (
        EVERYONE, Document, follow_model, html_to_text, in_batches, register,
    )

    class ResourceSource:
        kind = "resource"
        label = _("Resources")

        def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
            resources = Resource.objects.filter(status="published")
            for resource in in_batches(resources, ids):
                yield Document(
                    kind=self.kind,
                    object_id=resource.pk,
                    title=resource.title,
                    body=html_to_text(resource.description_html),
                    language=resource.language,
                    url=resource.get_absolute_url(),
                    date=resource.published_at,
                    access=EVERYONE,
                )

        def count(self) -> int:
            return Resource.objects.filter(status="published").count()

    register(ResourceSource())
    follow_model(Resource, "resource")

Rules for documents: `title` and `body` are plain text (never HTML; use
`html_to_text` on a stored `*_html` field); `language` is the content's ISO 639-1
code ("en", "es" and "fr" are stemmed, anything else is indexed word for word);
`access` is who may see it (`EVERYONE`, `MEMBERS` or `FACILITATORS`); `date` is the
moment shown in results and used to rank recent above old; `group` ties documents
whose access follows a common parent (posts of one forum: "forum:12");
`display_title` is shown instead of the title and never searched (a reply shows its
thread's title without matching every search for it).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_delete
from django_stubs_ext import StrOrPromise

from tertulia.search import backends
from tertulia.search.documents import (
    ACCESS_LEVELS,
    EVERYONE,
    FACILITATORS,
    MEMBERS,
    Document,
)

__all__ = [
    "ACCESS_LEVELS",
    "EVERYONE",
    "FACILITATORS",
    "MEMBERS",
    "Document",
    "Source",
    "follow_model",
    "get_source",
    "html_to_text",
    "in_batches",
    "index",
    "register",
    "reindex_objects",
    "remove",
    "sources",
    "update_group_access",
]

# Documents are read and written this many at a time by `in_batches` and the reindex.
BATCH_SIZE = 2000


class Source(Protocol):
    """What an app registers: where the documents of one kind come from."""

    @property
    def kind(self) -> str: ...

    @property
    def label(self) -> StrOrPromise: ...

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        """The searchable objects among `ids` (every one when None), in any order."""
        ...

    def count(self) -> int:
        """Roughly how many documents `documents(None)` yields (for progress bars)."""
        ...


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    """Add a source; registering the same kind again replaces it (module reloads)."""
    _sources[source.kind] = source


def sources() -> list[Source]:
    return list(_sources.values())


def get_source(kind: str) -> Source:
    try:
        return _sources[kind]
    except KeyError:
        raise LookupError(f"no search source registered for {kind!r}") from None


def index(documents: Iterable[Document]) -> None:
    """Insert or replace these documents in the index (in the caller's transaction)."""
    batch = list(documents)
    if batch:
        backends.current().upsert(batch)


def remove(kind: str, object_ids: Iterable[int]) -> None:
    """Take these objects out of the index; ids not in it are ignored."""
    ids = list(object_ids)
    if ids:
        backends.current().delete(kind, ids)


def reindex_objects(kind: str, object_ids: Iterable[int]) -> None:
    """Index these objects as their source sees them now; remove those it leaves out."""
    ids = {int(pk) for pk in object_ids}
    if not ids:
        return
    found: set[int] = set()
    for chunk in _chunks(sorted(ids), BATCH_SIZE):
        documents = list(get_source(kind).documents(chunk))
        found.update(document.object_id for document in documents)
        index(documents)
    remove(kind, ids - found)


def update_group_access(group: str, access: str) -> int:
    """Set who may see every indexed document of `group`; returns how many changed."""
    if access not in ACCESS_LEVELS:
        raise ValueError(f"unknown access {access!r}")
    return backends.current().set_group_access(group, access)


ModelT = TypeVar("ModelT", bound=models.Model)
# Where `follow_model` keeps, on an instance being deleted, the ids to reindex after.
_PENDING_IDS = "_search_ids_to_reindex"


def follow_model(
    model: type[ModelT],
    kind: str,
    *,
    object_ids: Callable[[ModelT], Iterable[int]] | None = None,
    skip_fields: Iterable[str] = (),
) -> None:
    """Reindex `kind` documents whenever an instance of `model` is saved or deleted.

    Without `object_ids` the model is the source's own model: a save reindexes the
    instance, a delete removes it. With `object_ids(instance)` (a related model, e.g.
    a member's expertise) a save reindexes the ids it returns, and a delete the ids it
    returned just before the delete (its links may go with it). A save whose `update_fields`
    are all in `skip_fields` (counters, view counts) is ignored.
    """
    skipped = frozenset(skip_fields)
    uid = f"search:{kind}:{model._meta.label}"

    def saved(sender: type[ModelT], instance: ModelT, **kwargs: Any) -> None:
        if kwargs.get("raw"):
            return
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= skipped:
            return
        ids = object_ids(instance) if object_ids else [instance.pk]
        reindex_objects(kind, ids)

    def deleted(sender: type[ModelT], instance: ModelT, **kwargs: Any) -> None:
        if object_ids is None:
            remove(kind, [instance.pk])
            return
        pending = instance.__dict__.get(_PENDING_IDS, {})
        reindex_objects(kind, pending.pop(uid) if uid in pending else object_ids(instance))

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    if object_ids is not None:
        ids_of = object_ids

        def deleting(sender: type[ModelT], instance: ModelT, **kwargs: Any) -> None:
            # By post_delete the rows linking the instance to its objects (a theme's
            # many-to-many rows) are gone, so the ids are read now and kept on it.
            instance.__dict__.setdefault(_PENDING_IDS, {})[uid] = list(ids_of(instance))

        pre_delete.connect(deleting, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)


RowT = TypeVar("RowT")


def in_batches(
    queryset: models.QuerySet[Any, RowT], ids: Iterable[int] | None = None
) -> Iterator[RowT]:
    """Iterate `queryset` (restricted to `ids` when given) in primary-key batches.

    Keyset pagination on the primary key keeps memory flat over a million rows and
    lets `select_related`/`prefetch_related` work per batch. A `values_list()`
    queryset must name the primary key first.
    """
    if ids is not None:
        for chunk in _chunks(sorted({int(pk) for pk in ids}), BATCH_SIZE):
            yield from queryset.filter(pk__in=chunk).order_by("pk")
        return
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH_SIZE])
        if not batch:
            return
        yield from batch
        tail = batch[-1]
        last = tail.pk if isinstance(tail, models.Model) else tail[0]  # type: ignore[index]


_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|blockquote|pre|tr)>|<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def html_to_text(markup: str) -> str:
    """Plain text of sanitised HTML (a stored `*_html` field), for `Document.body`."""
    text = _BLOCK_END.sub("\n", markup)
    text = html.unescape(_TAG.sub("", text))
    return _SPACES.sub(" ", text).strip()


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
