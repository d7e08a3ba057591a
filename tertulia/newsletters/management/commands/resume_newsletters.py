"""`tertulia resume-newsletters`: queue again every issue whose sending has not finished.

The sending carries itself on from batch to batch, and a killed worker leaves the next
batch queued. Run this after restoring a database or a queue that lost its tasks (or
from cron, say hourly): it is harmless while a sending is running, since every
recipient's row is claimed by one batch at a time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tertulia.newsletters.models import Issue, IssueStatus
from tertulia.newsletters.services.sending import resume_sending


class Command(BaseCommand):
    help = "Queue again the sending of every newsletter issue that has not finished."

    def handle(self, *args: Any, **options: Any) -> None:
        issue_ids = list(
            Issue.objects.filter(status=IssueStatus.SENDING).values_list("pk", flat=True)
        )
        for issue_id in issue_ids:
            resume_sending(None, issue_id)
        self.stdout.write(f"{len(issue_ids)} newsletter issue(s) queued to carry on sending.")
