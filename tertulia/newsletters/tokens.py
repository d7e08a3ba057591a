"""Signed values in newsletter mail: the one-click opt-out token and stable Message-IDs.

The same pattern as the notifications' tokens (tertulia.notifications.tokens), with its
own salt: a newsletter token only ever turns the newsletter off for one member.
"""

from __future__ import annotations

from django.core import signing
from django.utils.crypto import salted_hmac

from tertulia.notifications.tokens import mail_domain

UNSUBSCRIBE_SALT = "tertulia.newsletters.unsubscribe"
MESSAGE_ID_SALT = "tertulia.newsletters.message-id"


def make_unsubscribe_token(member_id: int) -> str:
    # No expiry: RFC 8058 links are clicked from mail of any age, and the member can
    # turn the newsletter on again in their preferences.
    return signing.dumps({"m": member_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int:
    """The member id; raises signing.BadSignature when forged or malformed."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    member_id = data.get("m") if isinstance(data, dict) else None
    if not isinstance(member_id, int) or isinstance(member_id, bool):
        raise signing.BadSignature("not a newsletter unsubscribe token")
    return member_id


def newsletter_message_id(issue_id: int, member_id: int) -> str:
    """`<newsletter-ISSUE-MEMBER.TOKEN@domain>`: the same for a re-sent copy, so mail
    clients that merge by Message-ID show it once; unguessable across sites."""
    key = f"{issue_id}:{member_id}"
    token = salted_hmac(MESSAGE_ID_SALT, key).hexdigest()[:16]
    return f"<newsletter-{issue_id}-{member_id}.{token}@{mail_domain()}>"


def list_id() -> str:
    """The List-Id (RFC 2919) mail filters sort the newsletter by."""
    return f"<newsletter.{mail_domain()}>"
