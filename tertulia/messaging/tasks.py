"""Background work for private messages: telling recipients a message arrived.

A task rather than the request: a facilitator's message to 500 registrants makes 500
notifications (and their mail) without keeping the facilitator waiting. Each
notification has a dedupe key per message and recipient, so a retried task never
notifies anyone twice.
"""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from tertulia.messaging.models import Message
from tertulia.messaging.queries import message_recipients
from tertulia.notifications.models import Kind
from tertulia.notifications.services import notify

SNIPPET_CHARS = 300


@task()
def tell_recipients(message_id: int) -> int:
    """Notify everyone still in the conversation who has not muted it; how many were told."""
    message = Message.objects.select_related("author", "conversation").filter(pk=message_id).first()
    if message is None:
        return 0
    url = reverse("conversation-detail", kwargs={"conversation_id": message.conversation_id})
    told = 0
    for recipient in message_recipients(message):
        notification = notify(
            recipient,
            Kind.MESSAGE,
            url=f"{url}#message-{message.position}",
            actor=message.author,
            params={"subject": message.conversation.subject},
            snippet=message.body[:SNIPPET_CHARS],
            group=f"conversation:{message.conversation_id}",
            source=f"message:{message.pk}",
            dedupe_key=f"message:{message.pk}",
        )
        told += notification is not None
    return told
