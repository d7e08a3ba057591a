"""Cron: send the daily and weekly digests that are due. Safe to run at any time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tertulia.newsletters.digests import tasks
from tertulia.newsletters.digests.services import send_due_digests


class Command(BaseCommand):
    help = (
        "Send the digests that are due (every 15 minutes, or hourly, from cron). With "
        "--schedule, start the self-rescheduling task instead, for a task worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Enqueue the digest task once; it then re-enqueues itself every 15 minutes.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self._schedule()
            return
        outcomes = send_due_digests(timezone.now())
        summary = ", ".join(f"{name}: {count}" for name, count in sorted(outcomes.items()))
        self.stdout.write(summary or "nothing due")

    def _schedule(self) -> None:
        if not tasks.send_digests.get_backend().supports_defer:
            raise CommandError(
                "This task backend cannot run tasks later, so the digest task cannot "
                "reschedule itself. Run `tertulia send-digests` from cron instead."
            )
        tasks.send_digests.enqueue()
        self.stdout.write("The digest task is enqueued; it reschedules itself.")
