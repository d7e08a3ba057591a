"""Add the resource library and trainings part of the bench data (issue: search bench).

`tertulia bench-data` (forums) writes members, threads and a million posts; it may not
import the library or the trainings app, which sit above forums. This command, in the
app at the top, adds 10 000 resources and 5 000 trainings beside them, indexed for
search as they are written, so the search benchmark covers every kind of document.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tertulia.forums.benchdata.plan import Progress
from tertulia.library.benchdata import generate_resources
from tertulia.library.models import Resource
from tertulia.trainings.benchdata import generate_trainings
from tertulia.trainings.models import Training


class Command(BaseCommand):
    help = "Add bench resources and trainings (skipped when enough are already there)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--resources", type=int, default=10_000)
        parser.add_argument("--trainings", type=int, default=5_000)

    def handle(self, *args: Any, **options: Any) -> None:
        missing_resources = max(options["resources"] - Resource.objects.count(), 0)
        if missing_resources:
            progress = Progress(self.stdout, "resources", missing_resources)
            generate_resources(missing_resources, progress=progress.advance)
        missing_trainings = max(options["trainings"] - Training.objects.count(), 0)
        if missing_trainings:
            progress = Progress(self.stdout, "trainings", missing_trainings)
            generate_trainings(missing_trainings, progress=progress.advance)
        self.stdout.write(
            f"{Resource.objects.count():,} resources and {Training.objects.count():,} trainings."
        )
