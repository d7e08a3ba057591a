"""Who handles mail for what: apps register here, notifications never imports them.

Two kinds of address lead to a handler:
- `reply+TOKEN@REPLY_DOMAIN`, put in Reply-To of notification mail whose group's kind
  ("thread" in "thread:12") has a *reply handler*;
- `PREFIX+KEY@REPLY_DOMAIN` (e.g. `forum+general@…`), for an *address handler*, whose
  `find` turns the key into the target's id, or None when there is no such target.

A handler posts the text as the member, through its app's own service (so every rule of
the web form applies), and returns the URL of what it created. It refuses by raising
PermissionDenied or ValidationError with a message for the member, which the bounce
quotes; it must not send mail itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tertulia.accounts.models import Member

REPLY_PREFIX = "reply"


@dataclass(frozen=True)
class InboundAttachment:
    """A file that came with the mail, not yet checked (the handler validates it)."""

    filename: str
    content_type: str
    data: bytes
    # From the mail's Content-Description, an image's alt text in the HTML, or its name.
    description: str


@dataclass(frozen=True)
class InboundText:
    """What a handler receives: the text as the member meant it, quotes removed."""

    subject: str
    text: str
    attachments: tuple[InboundAttachment, ...]
    # Stable for one mail: a handler passes it as the service's submission key, so a
    # second delivery of the same mail returns the first post.
    submission_key: str


Handler = Callable[[Member, int, InboundText], str]
Finder = Callable[[str], int | None]


@dataclass(frozen=True)
class AddressHandler:
    find: Finder
    post: Handler


_reply_handlers: dict[str, Handler] = {}
_address_handlers: dict[str, AddressHandler] = {}


def _check_name(name: str) -> None:
    if not name.isascii() or not name.isalnum() or name != name.lower():
        raise ValueError(f"{name!r}: use lowercase letters and digits")


def register_reply_handler(kind: str, handler: Handler) -> None:
    """Replies to mail whose notification group is "<kind>:<id>" go to `handler`."""
    _check_name(kind)
    _reply_handlers[kind] = handler


def register_address_handler(prefix: str, *, find: Finder, post: Handler) -> None:
    """Mail to `<prefix>+<key>@REPLY_DOMAIN` goes to `post` with `find(key)` as target."""
    _check_name(prefix)
    if prefix == REPLY_PREFIX:
        raise ValueError(f"{prefix!r} is taken by reply addresses")
    _address_handlers[prefix] = AddressHandler(find=find, post=post)


def reply_handler(kind: str) -> Handler | None:
    return _reply_handlers.get(kind)


def reply_kinds() -> tuple[str, ...]:
    return tuple(_reply_handlers)


def address_handler(prefix: str) -> AddressHandler | None:
    return _address_handlers.get(prefix)
