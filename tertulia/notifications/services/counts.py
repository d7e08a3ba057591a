"""The header's count of unread notifications, kept on the member's row.

`Member.unread_notifications` is recounted, never incremented, inside the transaction of
every change that can move it (a notification created, read, or all marked read), so it
cannot drift and the header shows it without a query.
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from tertulia.accounts.models import Member
from tertulia.notifications.models import Notification


def recount_unread_notifications(member_id: int) -> None:
    unread = (
        Notification.objects.filter(recipient_id=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Member.objects.filter(pk=member_id).update(unread_notifications=Coalesce(Subquery(unread), 0))
