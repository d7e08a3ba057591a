"""The header's count of unread conversations, kept on the member's row.

`Member.unread_conversations` is recounted, never incremented, inside the transaction of
every change that can move it (a message added, a conversation read, muted or left), so
it cannot drift and the header shows it without a query.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from tertulia.accounts.models import Member
from tertulia.messaging.models import Participant


def recount_unread_conversations(member_ids: Iterable[int]) -> None:
    ids = sorted(set(member_ids))
    if not ids:
        return
    unread = (
        Participant.objects.filter(
            member_id=OuterRef("pk"),
            left_at__isnull=True,
            is_muted=False,
            conversation__message_count__gt=F("last_read_position"),
        )
        .order_by()
        .values("member_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Member.objects.filter(pk__in=ids).update(unread_conversations=Coalesce(Subquery(unread), 0))
