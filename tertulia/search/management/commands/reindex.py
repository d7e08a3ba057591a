"""`tertulia reindex`: rebuild the search index from everything the apps register."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tertulia.search.registry import sources
from tertulia.search.reindexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (every kind of document, or those given with --kind)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind",
            action="append",
            default=[],
            metavar="KIND",
            help="Only this kind of document (repeatable): "
            + ", ".join(sorted(source.kind for source in sources())),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        known = {source.kind for source in sources()}
        unknown = [kind for kind in options["kind"] if kind not in known]
        if unknown:
            raise CommandError(
                f"Unknown kind {', '.join(unknown)}; choose from {', '.join(sorted(known))}."
            )
        # The progress bar redraws its line with "\r": no newline after every write.
        self.stdout.ending = ""
        try:
            timings = rebuild(self.stdout, options["kind"])
        finally:
            self.stdout.ending = "\n"
        total = sum(count for count, _seconds in timings.values())
        seconds = sum(seconds for _count, seconds in timings.values())
        steps = ", ".join(
            f"{kind} {count:,} in {spent:.1f} s" for kind, (count, spent) in timings.items()
        )
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {total:,} documents in {seconds:.1f} s ({steps}).")
        )
