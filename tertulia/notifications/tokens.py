"""Signed values in mail: one-click unsubscribe tokens, stable Message-IDs and the tokens
of reply addresses."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

UNSUBSCRIBE_SALT = "tertulia.notifications.unsubscribe"
MESSAGE_ID_SALT = "tertulia.notifications.message-id"


@dataclass(frozen=True)
class Unsubscribe:
    member_id: int
    kind: str
    scope: str
    # The notification whose mail carried the link (to name the scope), when known.
    notification_id: int | None = None


def make_unsubscribe_token(
    member_id: int, kind: str, scope: str = "", *, notification_id: int | None = None
) -> str:
    # No expiry: RFC 8058 links are clicked from mail of any age; a token only ever
    # turns one kind off for one member, which the member can turn on again.
    data: dict[str, object] = {"m": member_id, "k": kind, "s": scope}
    if notification_id is not None:
        data["n"] = notification_id
    return signing.dumps(data, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> Unsubscribe:
    """The decoded token; raises signing.BadSignature when forged or malformed."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict):
        raise signing.BadSignature("not an unsubscribe token")
    member_id, kind, scope = data.get("m"), data.get("k"), data.get("s", "")
    notification_id = data.get("n")
    if not isinstance(member_id, int) or not isinstance(kind, str) or not isinstance(scope, str):
        raise signing.BadSignature("not an unsubscribe token")
    if notification_id is not None and not isinstance(notification_id, int):
        raise signing.BadSignature("not an unsubscribe token")
    return Unsubscribe(member_id=member_id, kind=kind, scope=scope, notification_id=notification_id)


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


# --- Reply addresses -------------------------------------------------------------------
#
# `reply+TOKEN@REPLY_DOMAIN` tells inbound mail who may write (a member) where (a target
# such as a thread) and since when. TOKEN is lowercase base32, because some MTAs lower
# the local part, of: member id, target id and day of issue as varints, then the first
# REPLY_MAC_BYTES of an HMAC over the target's kind and those numbers. The kind itself
# is not in the token (it keeps the address short): reading tries each kind that has a
# handler, and only the right one matches the MAC.

REPLY_SALT = "tertulia.notifications.reply-address"
REPLY_MAC_BYTES = 10  # 80 bits: guessing one is hopeless over SMTP
REPLY_EPOCH = date(2024, 1, 1)


class BadReplyTokenError(Exception):
    """The token is malformed, forged, or names a kind nobody handles."""


class ExpiredReplyTokenError(BadReplyTokenError):
    """A genuine token past its age: who it was for is known, to answer in their language."""

    def __init__(self, token: ReplyToken) -> None:
        super().__init__("reply address expired")
        self.token = token


@dataclass(frozen=True)
class ReplyToken:
    member_id: int
    kind: str
    target_id: int
    issued_on: date


def _varint(number: int) -> bytes:
    out = bytearray()
    while True:
        low, number = number & 0x7F, number >> 7
        out.append(low | (0x80 if number else 0))
        if not number:
            return bytes(out)


def _read_varints(data: bytes, count: int) -> tuple[list[int], bytes]:
    numbers: list[int] = []
    index = 0
    for _position in range(count):
        value = shift = 0
        while True:
            if index >= len(data) or shift > 56:
                raise BadReplyTokenError("truncated token")
            byte = data[index]
            index += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        numbers.append(value)
    return numbers, data[index:]


def _reply_mac(kind: str, payload: bytes, secret: str | bytes) -> bytes:
    value = kind.encode() + b":" + payload
    return salted_hmac(REPLY_SALT, value, secret=secret, algorithm="sha256").digest()[
        :REPLY_MAC_BYTES
    ]


def make_reply_token(
    member_id: int, kind: str, target_id: int, *, today: date | None = None
) -> str:
    day = ((today or timezone.now().date()) - REPLY_EPOCH).days
    payload = _varint(member_id) + _varint(target_id) + _varint(max(day, 0))
    raw = payload + _reply_mac(kind, payload, settings.SECRET_KEY)
    return base64.b32encode(raw).decode().rstrip("=").lower()


def read_reply_token(
    token: str, kinds: Iterable[str], *, max_age: timedelta, today: date | None = None
) -> ReplyToken:
    """The token's member, kind and target; BadReplyTokenError when forged or malformed,
    ExpiredReplyTokenError when older than max_age. Old SECRET_KEY_FALLBACKS still verify."""
    cleaned = token.strip().upper()
    if not cleaned or len(cleaned) > 64 or not cleaned.isalnum():
        raise BadReplyTokenError("not a reply token")
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError):
        raise BadReplyTokenError("not base32") from None
    (member_id, target_id, day), mac = _read_varints(raw, 3)
    payload = raw[: len(raw) - len(mac)]
    if len(mac) != REPLY_MAC_BYTES:
        raise BadReplyTokenError("wrong length")
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    kind = next(
        (
            candidate
            for candidate in kinds
            for secret in secrets
            if constant_time_compare(_reply_mac(candidate, payload, secret), mac)
        ),
        None,
    )
    if kind is None:
        raise BadReplyTokenError("signature does not match")
    issued_on = REPLY_EPOCH + timedelta(days=day)
    found = ReplyToken(member_id=member_id, kind=kind, target_id=target_id, issued_on=issued_on)
    current = today or timezone.now().date()
    if issued_on > current + timedelta(days=1):
        raise BadReplyTokenError("issued in the future")
    if current - issued_on > max_age:
        raise ExpiredReplyTokenError(found)
    return found
