"""What the index stores about one searchable object (see `tertulia.search.registry`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

EVERYONE = "everyone"
MEMBERS = "members"
FACILITATORS = "facilitators"
ACCESS_LEVELS = (EVERYONE, MEMBERS, FACILITATORS)


@dataclass(frozen=True)
class Document:
    """One searchable thing, as the search index stores it."""

    kind: str  # the Source's kind: "thread", "post", "member", "resource"...
    object_id: int  # the object's primary key; (kind, object_id) is unique
    title: str  # plain text, searched with a higher weight than the body
    body: str  # plain text
    language: str  # ISO 639-1 content language; "" when unknown
    url: str  # where a result links to
    date: datetime  # aware; shown in results, and ranks recent above old
    access: str = EVERYONE  # EVERYONE, MEMBERS or FACILITATORS
    group: str = ""  # documents whose access changes together ("forum:12")
    display_title: str = ""  # shown instead of the title, not searched ("Re: <thread>")

    def __post_init__(self) -> None:
        if self.access not in ACCESS_LEVELS:
            raise ValueError(f"unknown access {self.access!r} for {self.kind} {self.object_id}")
