"""The community's inbound addresses: making them for outgoing mail, reading them back.

`reply+TOKEN@REPLY_DOMAIN` (see tokens.py) answers a notification; `PREFIX+KEY@…`
reaches a target an app registered (`forum+general@…`). Domains and local parts are
compared in lower case: some MTAs lower them, and tokens are lowercase base32.
Without REPLY_DOMAIN there is no inbound mail: no address is made or accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from tertulia.notifications.inbound import registry
from tertulia.notifications.tokens import (
    BadReplyTokenError,
    ExpiredReplyTokenError,
    ReplyToken,
    make_reply_token,
    read_reply_token,
)

# The longest address SMTP carries (RFC 5321's path limit less its angle brackets).
ADDRESS_MAX = 254


def inbound_domain() -> str:
    return str(getattr(settings, "REPLY_DOMAIN", "") or "").strip().lower()


def reply_token_max_age() -> timedelta:
    return timedelta(seconds=int(settings.REPLY_TOKEN_MAX_AGE))


@dataclass(frozen=True)
class Recipient:
    """One of our addresses, split: `reply+abc@…` → prefix "reply", key "abc"."""

    address: str
    prefix: str
    key: str

    @property
    def is_reply(self) -> bool:
        return self.prefix == registry.REPLY_PREFIX


def parse_recipient(address: str) -> Recipient | None:
    """The address split, when it is one of ours in shape (the key is not checked)."""
    domain = inbound_domain()
    local, at, address_domain = address.strip().strip("<>").lower().rpartition("@")
    if not domain or not at or address_domain != domain:
        return None
    prefix, plus, key = local.partition("+")
    if not plus or not key:
        return None
    if prefix != registry.REPLY_PREFIX and registry.address_handler(prefix) is None:
        return None
    full = f"{local}@{domain}"
    if len(full) > ADDRESS_MAX or not full.isprintable():
        return None  # no address of ours is that long, or holds control characters
    return Recipient(address=full, prefix=prefix, key=key)


def read_token(recipient: Recipient) -> ReplyToken:
    """The reply token of a `reply+` address; BadReplyTokenError / ExpiredReplyTokenError."""
    return read_reply_token(recipient.key, registry.reply_kinds(), max_age=reply_token_max_age())


def is_known_address(address: str) -> bool:
    """May an SMTP server accept RCPT TO this address? Genuine reply addresses (even
    expired: the member is told why in their language) and existing targets."""
    recipient = parse_recipient(address)
    if recipient is None:
        return False
    if recipient.is_reply:
        try:
            read_token(recipient)
        except ExpiredReplyTokenError:
            return True
        except BadReplyTokenError:
            return False
        return True
    handler = registry.address_handler(recipient.prefix)
    return handler is not None and handler.find(recipient.key) is not None


def reply_address(member_id: int, group: str) -> str:
    """`reply+TOKEN@domain` for a notification in `group` ("thread:12"), or "" when
    replies by mail are off or nobody handles that kind of group."""
    domain = inbound_domain()
    kind, _colon, target = group.partition(":")
    if not domain or not target.isdigit() or registry.reply_handler(kind) is None:
        return ""
    return f"{registry.REPLY_PREFIX}+{make_reply_token(member_id, kind, int(target))}@{domain}"


def target_address(prefix: str, key: str) -> str:
    """`forum+general@domain` for an app's address, or "" when inbound mail is off."""
    domain = inbound_domain()
    if not domain or registry.address_handler(prefix) is None:
        return ""
    return f"{prefix}+{key.lower()}@{domain}"
