"""What every search backend offers, and the shapes of what goes in and out."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from tertulia.search.documents import Document
from tertulia.search.query import ParsedQuery

# Results counted at most: "more than 1,000 results" is as useful as the exact number,
# and counting every match of a common word would cost more than the search itself.
COUNT_CAP = 1000
# Only candidates are ranked: the RANKED_WINDOW most recent matches, and the
# TITLE_WINDOW most recent title matches (so that an older thread named for the query
# still comes first). Ranking every match of a common word in a million documents
# takes seconds on either database; recent work is what members look for, and the
# count shown stops at COUNT_CAP anyway.
RANKED_WINDOW = COUNT_CAP
TITLE_WINDOW = 100


@dataclass(frozen=True)
class Filters:
    """What a viewer may see and what they asked to narrow the search to."""

    access: tuple[str, ...]  # the access levels this viewer may see; empty: nothing
    kinds: tuple[str, ...] = ()  # empty: every kind
    language: str = ""  # empty: every language
    date_from: datetime | None = None  # inclusive
    date_to: datetime | None = None  # exclusive


@dataclass(frozen=True)
class Ranking:
    """The ranked candidates of one search: what a page of results is cut from."""

    ids: list[int]  # index row ids, best first
    capped: bool  # more matches exist than were ranked (COUNT_CAP)


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    display_title: str
    body: str
    language: str
    url: str
    date: datetime


class Backend(Protocol):
    def upsert(self, documents: Sequence[Document]) -> None:
        """Insert these documents, replacing any with the same kind and object id."""

    def delete(self, kind: str, object_ids: Sequence[int]) -> None: ...

    def bulk_writes(self) -> AbstractContextManager[None]:
        """Settings for a rebuild: many large transactions, durability traded for speed."""

    def clear(self, kind: str | None = None) -> None:
        """Empty the index, or remove every document of one kind."""

    def set_group_access(self, group: str, access: str) -> int: ...

    def rank(self, query: ParsedQuery, filters: Filters) -> Ranking:
        """The candidates, best first: title above body, then recent above old."""

    def fetch(self, ids: Sequence[int]) -> list[Hit]:
        """The stored rows of these ranked ids, in the order given."""
