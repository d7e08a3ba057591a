"""Rebuilding the index from every registered source, in batches, with a progress bar.

Each batch is written in a transaction of its own, so the site stays usable while a
million posts are indexed and an interrupted rebuild keeps what it wrote. Writes made
meanwhile by members are indexed by their own signals; a batch replaces any document
that got there first, so nothing is indexed twice.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import transaction

from tertulia.search import backends
from tertulia.search.documents import Document
from tertulia.search.registry import BATCH_SIZE, Source, get_source, sources


class Output(Protocol):
    """Where progress goes: a management command's stdout, or any text stream."""

    def write(self, text: str, /) -> Any: ...

    def flush(self) -> Any: ...


@dataclass
class Progress:
    """A one-line progress bar redrawn with a carriage return, at most 100 times."""

    out: Output
    label: str
    total: int
    done: int = 0
    _shown: int = field(default=-1, repr=False)

    def advance(self, count: int) -> None:
        self.done += count
        percent = min(100, 100 * self.done // max(self.total, 1))
        if percent != self._shown:
            self._shown = percent
            bar = "#" * (percent // 4)
            self.out.write(f"\r{self.label:<10} [{bar:<25}] {percent:3d}% {self.done:>9,}")
            self.out.flush()

    def finish(self) -> None:
        self.total = self.done
        self._shown = -1
        self.advance(0)
        self.out.write("\n")
        self.out.flush()


def _write(batch: Sequence[Document]) -> None:
    with transaction.atomic():
        backends.current().upsert(batch)


def reindex_source(source: Source, out: Output) -> int:
    """Write every document of one source; returns how many were indexed."""
    progress = Progress(out, source.kind, source.count())
    batch: list[Document] = []
    for document in source.documents(None):
        batch.append(document)
        if len(batch) >= BATCH_SIZE:
            _write(batch)
            progress.advance(len(batch))
            batch = []
    if batch:
        _write(batch)
        progress.advance(len(batch))
    progress.finish()
    return progress.done


def rebuild(out: Output, kinds: Iterable[str] = ()) -> dict[str, tuple[int, float]]:
    """Empty the index (or the given kinds) and fill it again from the sources.

    Returns, per kind, how many documents were indexed and how many seconds it took.
    Raises LookupError for a kind no source registered.
    """
    chosen = [get_source(kind) for kind in kinds] if kinds else sources()
    backend = backends.current()
    if kinds:
        for source in chosen:
            backend.clear(source.kind)
    else:
        backend.clear()
    timings: dict[str, tuple[int, float]] = {}
    with backend.bulk_writes():
        for source in chosen:
            began = time.perf_counter()
            count = reindex_source(source, out)
            timings[source.kind] = (count, time.perf_counter() - began)
    return timings
