"""The header's count of unread conversations, for signed-in members.

Lazy: the query runs only when a template shows the count, so pages that do not (and
visitors) pay nothing.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from tertulia.accounts.permissions import is_member
from tertulia.messaging.queries import unread_conversation_count


def unread_messages(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not is_member(user):
        return {}
    return {"unread_conversation_count": SimpleLazyObject(lambda: unread_conversation_count(user))}
