"""Cron: send notification mail that is due (held mail, retries, a worker that was down)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from tertulia.notifications import delivery


class Command(BaseCommand):
    help = "Send notification mail that is due and not sent yet. Safe to run every minute."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        outcomes: dict[str, int] = {}
        for notification_id in delivery.due_notification_ids(now):
            outcome = delivery.deliver_notification(notification_id, now=now)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        summary = ", ".join(f"{name}: {count}" for name, count in sorted(outcomes.items()))
        self.stdout.write(summary or "nothing due")
