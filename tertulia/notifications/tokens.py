"""Signed values in mail: one-click unsubscribe tokens and stable Message-IDs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

UNSUBSCRIBE_SALT = "tertulia.notifications.unsubscribe"
MESSAGE_ID_SALT = "tertulia.notifications.message-id"


@dataclass(frozen=True)
class Unsubscribe:
    member_id: int
    kind: str
    scope: str


def make_unsubscribe_token(member_id: int, kind: str, scope: str = "") -> str:
    # No expiry: RFC 8058 links are clicked from mail of any age; a token only ever
    # turns one kind off for one member, which the member can turn on again.
    return signing.dumps({"m": member_id, "k": kind, "s": scope}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> Unsubscribe:
    """The decoded token; raises signing.BadSignature when forged or malformed."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict):
        raise signing.BadSignature("not an unsubscribe token")
    member_id, kind, scope = data.get("m"), data.get("k"), data.get("s", "")
    if not isinstance(member_id, int) or not isinstance(kind, str) or not isinstance(scope, str):
        raise signing.BadSignature("not an unsubscribe token")
    return Unsubscribe(member_id=member_id, kind=kind, scope=scope)


def mail_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def notification_message_id(notification_id: int) -> str:
    """`<notification-ID.TOKEN@domain>`: the same on every attempt, unguessable across sites."""
    token = salted_hmac(MESSAGE_ID_SALT, str(notification_id)).hexdigest()[:16]
    return f"<notification-{notification_id}.{token}@{mail_domain()}>"


def group_message_id(group: str) -> str:
    """The thread's root id (`thread:12` → `<group-thread-12@domain>`), never sent itself:
    mail clients group every notification referring to it."""
    local = re.sub(r"[^A-Za-z0-9.-]+", "-", group).strip("-.") or "none"
    return f"<group-{local}@{mail_domain()}>"
