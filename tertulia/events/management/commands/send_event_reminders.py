"""`tertulia send-event-reminders`: send every event reminder that is due and unsent.

Run it from cron every five minutes or so. With the database task backend the queued
reminder tasks usually send first and this finds nothing to do; with the immediate
backend (no worker) it is how reminders go out. Each reminder is told at most once
whichever path gets there first (see `tertulia.events.services.reminders`).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tertulia.events.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the event reminders (24 hours and 1 hour before) that are due."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Sent {sent} reminder(s).")
