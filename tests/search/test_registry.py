"""The registry API app authors use: reindex_objects, remove, update_group_access."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
from django.contrib.auth.models import AnonymousUser

from tertulia.search import registry
from tertulia.search.documents import EVERYONE, MEMBERS, Document
from tests.factories import make_member
from tests.search.conftest import document, index, urls

pytestmark = pytest.mark.django_db


class Shelf:
    """A source whose content the test controls: id -> (title, published)."""

    kind = "shelf"
    label = "Shelves"

    def __init__(self) -> None:
        self.rows: dict[int, tuple[str, bool]] = {}

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        for pk in sorted(self.rows if ids is None else set(ids) & set(self.rows)):
            title, published = self.rows[pk]
            if published:
                yield document(pk, title=title, kind="shelf")

    def count(self) -> int:
        return len(self.rows)


@pytest.fixture
def shelf(monkeypatch: pytest.MonkeyPatch) -> Shelf:
    source = Shelf()
    monkeypatch.setitem(registry._sources, source.kind, source)
    return source


def test_reindex_objects_indexes_what_the_source_yields_and_removes_the_rest(
    shelf: Shelf,
) -> None:
    shelf.rows = {1: ("Toolkit on budgets", True), 2: ("Toolkit draft", False)}
    registry.reindex_objects("shelf", [1, 2])
    assert urls("toolkit") == ["/notes/1/"]
    shelf.rows[1] = ("Toolkit on budgets", False)  # unpublished
    shelf.rows[2] = ("Toolkit draft", True)
    registry.reindex_objects("shelf", [1, 2])
    assert urls("toolkit") == ["/notes/2/"]


def test_remove_and_same_id_in_two_kinds(shelf: Shelf) -> None:
    index(document(1, title="Toolkit", kind="shelf"), document(1, title="Toolkit", kind="note"))
    assert len(urls("toolkit")) == 2
    registry.remove("shelf", [1, 404])
    assert len(urls("toolkit")) == 1


def test_update_group_access_changes_who_finds_the_group() -> None:
    index(
        document(1, title="Forum thread", group="forum:1"),
        document(2, title="Forum reply", group="forum:1"),
        document(3, title="Other forum thread", group="forum:2"),
    )
    assert registry.update_group_access("forum:1", MEMBERS) == 2
    assert urls("forum", AnonymousUser()) == ["/notes/3/"]
    assert len(urls("forum", make_member())) == 3
    assert registry.update_group_access("forum:1", EVERYONE) == 2
    assert len(urls("forum", AnonymousUser())) == 3


def test_documents_refuse_an_unknown_access() -> None:
    with pytest.raises(ValueError, match="unknown access"):
        document(1, title="x", access="friends")
