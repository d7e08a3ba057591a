"""The header's unread notification count, computed at most once per request and only
when a template shows it (cached across requests; notify/read invalidate it)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from tertulia.accounts.models import Member
from tertulia.notifications.queries import unread_count


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if not isinstance(user, Member):
        return {"unread_notification_count": 0}
    member_id = user.pk
    return {"unread_notification_count": SimpleLazyObject(lambda: unread_count(member_id))}
