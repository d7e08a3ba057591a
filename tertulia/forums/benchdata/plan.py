"""The shape of the bench community, decided in Python before anything is written.

Thread sizes, every post's time and the hidden posts are fixed here, so positions,
reply counts and last activity are known before the first insert.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from tertulia.forums.benchdata.text import LANGUAGES

SPAN = timedelta(days=3 * 365)
SPAN_SECONDS = int(SPAN.total_seconds())
THREAD_LIFE_SECONDS = 30 * 86400  # mean time a thread keeps getting replies


class Output(Protocol):
    """Where progress goes: a management command's stdout, or any text stream."""

    def write(self, text: str, /) -> Any: ...

    def flush(self) -> Any: ...


@dataclass(frozen=True)
class BenchSize:
    members: int = 50_000
    threads: int = 20_000
    posts: int = 1_000_000
    big_thread_posts: int = 10_000

    def problems(self) -> list[str]:
        """What makes these numbers impossible to generate (empty when they are fine)."""
        found = []
        if self.members < 2:
            found.append("--members must be at least 2 (a member and a facilitator sign in).")
        if self.threads < 1 or self.big_thread_posts < 1:
            found.append("--threads and --big-thread-posts must be at least 1.")
        elif self.posts < self.big_thread_posts + self.threads - 1:
            found.append(
                "--posts must cover the big thread plus a first post for every other thread "
                f"(at least {self.big_thread_posts + self.threads - 1})."
            )
        return found


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
        percent = 100 * self.done // max(self.total, 1)
        if percent != self._shown:
            self._shown = percent
            bar = "#" * (percent // 4)
            self.out.write(f"\r{self.label:<10} [{bar:<25}] {percent:3d}% {self.done:>9,}")
            if self.done >= self.total:
                self.out.write("\n")
            self.out.flush()


@dataclass
class ThreadPlan:
    forum_id: int
    language: str
    size: int
    created: int  # seconds after the start of the bench period
    hidden_position: int = 0  # one post a moderator hid, 0 for none
    times: list[int] = field(default_factory=list)  # when each post was written, in order

    @property
    def visible_replies(self) -> int:
        return self.size - 1 - (1 if self.hidden_position else 0)


def plan_threads(
    rng: random.Random, size: BenchSize, forum_ids: list[int], forum_weights: list[int]
) -> list[ThreadPlan]:
    """The big thread first (in the first forum), then the others in creation order."""
    plans = [ThreadPlan(forum_ids[0], "en", size.big_thread_posts, 0)]
    others = size.threads - 1
    for n in range(others):
        # The first threads go one to each other forum, so no forum is empty.
        if n < len(forum_ids) - 1:
            forum_id = forum_ids[n + 1]
        else:
            forum_id = rng.choices(forum_ids, weights=forum_weights)[0]
        created = SPAN_SECONDS * (n + 1) // others
        plans.append(ThreadPlan(forum_id, rng.choice(LANGUAGES), 1, created))
    # Replies go to threads with a heavy-tailed popularity, as in a real forum; the tail
    # is short enough (Pareto 2.5) that the big thread stays the longest one.
    if others:
        weights = [rng.paretovariate(2.5) for _ in range(others)]
        extra = size.posts - size.big_thread_posts - others
        for index in rng.choices(range(1, others + 1), weights=weights, k=extra):
            plans[index].size += 1
    for plan in plans:
        # The big thread lives the whole period; the others stay active for weeks.
        weeks = int(rng.expovariate(1 / THREAD_LIFE_SECONDS))
        life = SPAN_SECONDS if plan is plans[0] else weeks
        last = min(plan.created + life, SPAN_SECONDS)
        replies = sorted(rng.randint(plan.created, last) for _ in range(plan.size - 1))
        plan.times = [plan.created, *replies]
        # The last post is never the hidden one, so it is the thread's last post either way.
        if plan.size >= 3 and rng.random() < 0.05:
            plan.hidden_position = rng.randint(2, plan.size - 1)
    return plans
