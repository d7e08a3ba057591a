"""Search latency over the bench database, in-process: p50 and p95 per kind of query.

It calls the same function the search page calls (`tertulia.search.queries.search`),
counting the matches and building the first page of 20 results with their highlighted
titles and snippets, for one-word, two-word and phrase queries, without and with
filters (type, language, dates), as a visitor and as a signed-in member. Each query
runs once to warm the caches, then `--runs` times; the table is markdown.

The index must be built first, on a copy of the bench database (never on the one
bench/run.py profiles):

    cp var/bench.sqlite3 /tmp/search-bench.sqlite3
    export DATABASE_URL=sqlite:////tmp/search-bench.sqlite3
    .venv/bin/tertulia migrate && .venv/bin/tertulia reindex
    .venv/bin/tertulia bench-catalogue     # 10 000 resources, 5 000 trainings, indexed
    .venv/bin/python bench/search_bench.py --runs 20

PostgreSQL: the same with DATABASE_URL=postgres://... pointing at a bench database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = {
    "one word": ["training", "presupuesto", "violences", "workshop", "interseccionalidad"],
    "two words": [
        "gender budget",
        "formacion policia",
        "unpaid care",
        "ateliers femmes",
        "slow connections",
    ],
    "phrase": [
        '"unpaid care work"',
        '"trabajo de cuidados"',
        '"boîte à outils"',
        '"slow connections"',
        '"role plays"',
    ],
}
FILTERS: dict[str, dict[str, object]] = {
    "none": {},
    "type": {"kind": "post"},
    "resources": {"kind": "resource"},
    "trainings": {"kind": "training"},
    "language": {"language": "es"},
    "dates": {"date_from": date(2024, 1, 1), "date_to": date(2024, 6, 30)},
    "all three": {
        "kind": "post",
        "language": "fr",
        "date_from": date(2023, 1, 1),
        "date_to": date(2024, 12, 31),
    },
}


def configure() -> None:
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/search-bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertulia.settings")
    import django  # after the environment is set

    django.setup()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    arguments = parser.parse_args()
    configure()
    # Imported after django.setup(): models need the app registry.
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from tertulia.accounts.models import Member
    from tertulia.search.queries import SearchRequest, search

    member = Member.objects.filter(is_active=True, role="member").order_by("pk").first()
    viewers = {"visitor": AnonymousUser(), "member": member}
    documents = connection.cursor().execute("SELECT COUNT(*) FROM search_searchdocument")
    total = documents.fetchone()[0]
    print(f"{connection.vendor}, {total:,} documents indexed, {arguments.runs} runs a query\n")
    print("| query | filters | viewer | p50 ms | p95 ms | max ms | results (capped) |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    worst = 0.0
    for shape, texts in QUERIES.items():
        for filter_name, filters in FILTERS.items():
            for viewer_name, viewer in viewers.items():
                timings: list[float] = []
                counts: list[int] = []
                for text in texts:
                    wanted = SearchRequest(text=text, **filters)  # type: ignore[arg-type]
                    for run in range(arguments.runs + 1):
                        began = time.perf_counter()
                        results = search(viewer, wanted)
                        page = results[0:20]
                        count = results.count()
                        spent = (time.perf_counter() - began) * 1000
                        if run:  # the first run warms the caches
                            timings.append(spent)
                    assert len(page) == min(count, 20)
                    counts.append(count)
                p95 = percentile(timings, 0.95)
                worst = max(worst, p95)
                print(
                    f"| {shape} | {filter_name} | {viewer_name} "
                    f"| {statistics.median(timings):.1f} | {p95:.1f} | {max(timings):.1f} "
                    f"| {min(counts):,} to {max(counts):,} |"
                )
    print(f"\nWorst p95: {worst:.1f} ms (target < 100 ms).")


if __name__ == "__main__":
    main()
