"""`tertulia open-dialogues`: tell every member about the dialogues that have opened.

Run it from cron every few minutes. With the database task backend the task queued for
each dialogue's opening usually gets there first and this finds no one left to tell;
with the immediate backend (no worker) it is how openings are announced. Nobody is told
twice, whichever runs and however often (see `tertulia.dialogues.services.openings`).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tertulia.dialogues.services.openings import announce_open_dialogues


class Command(BaseCommand):
    help = "Announce the virtual dialogues whose window has opened to every active member."

    def handle(self, *args: Any, **options: Any) -> None:
        told = announce_open_dialogues()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Told {told} member(s) about an opening dialogue.")
