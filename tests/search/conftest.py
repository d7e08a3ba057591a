"""Helpers for the search tests: index documents directly, search as a viewer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from tertulia.accounts.permissions import Viewer
from tertulia.search import registry
from tertulia.search.documents import EVERYONE, Document
from tertulia.search.queries import Result, SearchRequest, search

WHEN = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


class NoteSource:
    """Test documents of a made-up kind, indexed directly with `index()`."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.label = kind.title() + "s"

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        return iter(())

    def count(self) -> int:
        return 0


@pytest.fixture(autouse=True)
def _note_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the "note" and "memo" kinds the tests index, for the type filter."""
    for kind in ("note", "memo"):
        monkeypatch.setitem(registry._sources, kind, NoteSource(kind))


def document(
    object_id: int,
    *,
    title: str = "",
    body: str = "",
    language: str = "en",
    kind: str = "note",
    access: str = EVERYONE,
    date: datetime = WHEN,
    group: str = "",
) -> Document:
    return Document(
        kind=kind,
        object_id=object_id,
        title=title,
        body=body,
        language=language,
        url=f"/notes/{object_id}/",
        date=date,
        access=access,
        group=group,
    )


def index(*documents: Document) -> None:
    registry.index(documents)


def found(text: str, viewer: Viewer | None = None, **filters: object) -> list[Result]:
    """Every result (first page of 100) for `text`, as `viewer` (a visitor by default)."""
    results = search(viewer or AnonymousUser(), SearchRequest(text=text, **filters))  # type: ignore[arg-type]
    return results[0:100]


def titles(text: str, viewer: Viewer | None = None, **filters: object) -> list[str]:
    """The plain titles found (without the <mark> tags)."""
    return [
        str(result.title).replace("<mark>", "").replace("</mark>", "")
        for result in found(text, viewer, **filters)
    ]


def urls(text: str, viewer: Viewer | None = None, **filters: object) -> list[str]:
    return [result.url for result in found(text, viewer, **filters)]
