"""Signed values in newsletter mail: stable Message-IDs and the List-Id.

The one-click opt-out link carries the notifications app's unsubscribe token
(tertulia.notifications.tokens) with the kind UNSUBSCRIBE_KIND, like the digests' links:
a newsletter token only ever turns the newsletter off for one member.
"""

from __future__ import annotations

from django.utils.crypto import salted_hmac

from tertulia.notifications.tokens import mail_domain

# The "kind" of the newsletter's unsubscribe token; the notifications app's own
# unsubscribe page refuses it, as it does the digests' kind.
UNSUBSCRIBE_KIND = "newsletter"
MESSAGE_ID_SALT = "tertulia.newsletters.message-id"


def newsletter_message_id(issue_id: int, member_id: int) -> str:
    """`<newsletter-ISSUE-MEMBER.TOKEN@domain>`: the same for a re-sent copy, so mail
    clients that merge by Message-ID show it once; unguessable across sites."""
    key = f"{issue_id}:{member_id}"
    token = salted_hmac(MESSAGE_ID_SALT, key).hexdigest()[:16]
    return f"<newsletter-{issue_id}-{member_id}.{token}@{mail_domain()}>"


def list_id() -> str:
    """The List-Id (RFC 2919) mail filters sort the newsletter by."""
    return f"<newsletter.{mail_domain()}>"
