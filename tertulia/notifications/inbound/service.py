"""`receive_mail()`: one received message, posted or refused, exactly once.

For each of our addresses the message was sent to:
1. a message delivered before (same Message-ID, same address) is left alone;
2. a robot's mail (auto-reply, bounce, list) is ignored, without a bounce;
3. the address is read: a reply token (genuine, not expired, for a member whose address
   sent it) or an app's address (an existing target, a member's address sending);
4. the message itself must be sound: not too large, not sent to a crowd, well formed,
   with some text of the member's once quotes and signature are gone (its content is
   read only now, once an address and its sender are known to be good);
5. the app's handler posts it, as the member and in their language, through the app's
   own service: its permission checks and limits apply, and its refusal is quoted.
Every refusal of steps 3 to 5 is bounced to the sender (bounces.py). The From address
can be forged, so a refusal for an unknown address or a sender who is no member quotes
nothing of the mail: the site must not carry a stranger's text to someone else.

The log row, the post and the bounce share one transaction: if anything fails (the
database, the SMTP relay for the bounce), nothing is kept and the caller tells the MTA
to try again later; a second delivery after success finds the row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tertulia.accounts.models import Member
from tertulia.notifications.inbound import registry
from tertulia.notifications.inbound.addresses import Recipient, parse_recipient, read_token
from tertulia.notifications.inbound.autoreplies import robot_reason
from tertulia.notifications.inbound.bounces import send_refusal
from tertulia.notifications.inbound.parsing import (
    Content,
    Headers,
    MalformedMailError,
    parse_head,
    parse_message,
    read_content,
    read_headers,
)
from tertulia.notifications.inbound.senders import is_address_of, member_for_address
from tertulia.notifications.models import InboundMail, InboundReason, InboundStatus
from tertulia.notifications.tokens import BadReplyTokenError, ExpiredReplyTokenError

DUPLICATE = "duplicate"
# Refusals that may answer a forged From address: their bounce quotes nothing.
UNTRUSTED_REFUSALS = frozenset({InboundReason.UNKNOWN_ADDRESS, InboundReason.UNKNOWN_SENDER})


@dataclass(frozen=True)
class Outcome:
    """What became of the message for one address."""

    address: str
    status: str  # an InboundStatus, or DUPLICATE
    reason: str  # an InboundReason
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class Receipt:
    outcomes: tuple[Outcome, ...]

    @property
    def has_recipient(self) -> bool:
        """False: none of the addresses is ours (the MTA should answer "no such user")."""
        return bool(self.outcomes)

    @property
    def is_unreadable(self) -> bool:
        """The message names no sender to answer (the MTA should refuse it)."""
        return any(outcome.reason == InboundReason.UNREADABLE for outcome in self.outcomes)


def max_bytes() -> int:
    return int(settings.INBOUND_MAX_BYTES)


def max_recipients() -> int:
    return int(settings.INBOUND_MAX_RECIPIENTS)


@dataclass
class _Mail:
    headers: Headers
    key: str
    robot: str
    size: int
    content: Content | None = None
    # A refusal of the whole message (too large, malformed, ...), bounced once; checked
    # (and the content read) only for an address that passed its own checks.
    checked: bool = False
    refusal: tuple[str, str] | None = None
    sender_member: Member | None = None
    # What the sender was already told: one bounce per reason, however many addresses.
    bounced: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Target:
    """An address resolved: who posts where, or why not."""

    member: Member | None
    target: str = ""
    target_id: int = 0
    post: registry.Handler | None = None
    reason: str = ""
    detail: str = ""


def receive_mail(
    raw: bytes, *, recipients: Sequence[str] = (), envelope_sender: str | None = None
) -> Receipt:
    """Post (or refuse) a complete RFC 5322 message sent to `recipients` (the envelope's;
    when empty, our addresses are looked for in Delivered-To, X-Original-To, To and Cc)."""
    message = parse_message(raw)
    return _receive(message, raw, len(raw), recipients, envelope_sender)


def refuse_oversized(
    head: bytes, size: int, *, recipients: Sequence[str] = (), envelope_sender: str | None = None
) -> Receipt:
    """Refuse a message too large to read, from its first bytes (the headers) alone."""
    return _receive(parse_head(head), head, size, recipients, envelope_sender)


def _our_recipients(addresses: Iterable[str]) -> list[Recipient]:
    found: dict[str, Recipient] = {}
    for address in addresses:
        recipient = parse_recipient(address)
        if recipient is not None:
            found.setdefault(recipient.address, recipient)
    return list(found.values())


def _receive(
    message: EmailMessage,
    raw: bytes,
    size: int,
    recipients: Sequence[str],
    envelope_sender: str | None,
) -> Receipt:
    headers = read_headers(message)
    targets = _our_recipients(recipients or headers.delivered_to)
    if not targets:
        return Receipt(outcomes=())
    mail = _Mail(
        headers=headers,
        key=headers.message_key(raw),
        robot=robot_reason(message, sender=headers.sender, envelope_sender=envelope_sender),
        size=size,
    )
    seen = set(
        InboundMail.objects.filter(
            message_key=mail.key, address__in=[target.address for target in targets]
        ).values_list("address", flat=True)
    )
    pending = [target for target in targets if target.address not in seen]
    outcomes = [
        Outcome(address=target.address, status=DUPLICATE, reason="")
        for target in targets
        if target.address in seen
    ]
    if pending and not mail.robot and headers.sender:
        mail.sender_member = member_for_address(headers.sender)
    outcomes += [_deliver(message, mail, target) for target in pending]
    return Receipt(outcomes=tuple(outcomes))


def _message_refusal(message: EmailMessage, mail: _Mail) -> tuple[str, str] | None:
    """Why the message as a whole cannot be posted; reads its content when it can."""
    if mail.size > max_bytes():
        return InboundReason.TOO_LARGE, _(
            "Your message is %(size)s; the most we accept by mail is %(limit)s. "
            "Share large files through the site instead."
        ) % {"size": filesizeformat(mail.size), "limit": filesizeformat(max_bytes())}
    count = len(mail.headers.recipients)
    if count > max_recipients():
        return InboundReason.TOO_MANY_RECIPIENTS, ngettext(
            "Your message was addressed to %(count)s person; we accept mail sent to at "
            "most %(limit)s.",
            "Your message was addressed to %(count)s people; we accept mail sent to at "
            "most %(limit)s.",
            count,
        ) % {"count": count, "limit": max_recipients()}
    try:
        mail.content = read_content(message)
    except MalformedMailError:
        return InboundReason.MALFORMED, _(
            "We could not read your message: its structure is damaged (it may have been "
            "cut short on the way). Please send it again."
        )
    if not mail.content.text.strip():
        return InboundReason.EMPTY, _(
            "We found no text of yours in it once the quoted mail and the signature were "
            "taken out. Write your reply above the quoted text and send it again."
        )
    return None


def _resolve(recipient: Recipient, sender: str) -> _Target:
    if recipient.is_reply:
        return _resolve_reply(recipient, sender)
    handler = registry.address_handler(recipient.prefix)
    target_id = handler.find(recipient.key) if handler is not None else None
    if handler is None or target_id is None:
        return _Target(
            member=None,
            reason=InboundReason.UNKNOWN_ADDRESS,
            detail=_("Nothing here receives mail at %(address)s. Check the address.")
            % {"address": recipient.address},
        )
    member = member_for_address(sender)
    if member is None:
        return _Target(
            member=None,
            reason=InboundReason.UNKNOWN_SENDER,
            detail=_(
                "No member uses the address %(address)s. Send from the address of your "
                "account, or add this one to your account first."
            )
            % {"address": sender},
        )
    return _Target(
        member=member,
        target=f"{recipient.prefix}:{target_id}",
        target_id=target_id,
        post=handler.post,
    )


def _resolve_reply(recipient: Recipient, sender: str) -> _Target:
    days = int(settings.REPLY_TOKEN_MAX_AGE) // 86400
    try:
        token = read_token(recipient)
    except ExpiredReplyTokenError as expired:
        return _Target(
            member=Member.objects.filter(pk=expired.token.member_id).first(),
            target=f"{expired.token.kind}:{expired.token.target_id}",
            reason=InboundReason.EXPIRED_TOKEN,
            detail=_(
                "You answered a mail more than %(days)s days old, and its reply address "
                "has expired. Answer a more recent mail, or write on the site."
            )
            % {"days": days},
        )
    except BadReplyTokenError:
        return _Target(
            member=None,
            reason=InboundReason.INVALID_TOKEN,
            detail=_(
                "This reply address is not one we gave out, or it was changed on the way. "
                "Answer the mail you received without editing its address."
            ),
        )
    member = Member.objects.filter(pk=token.member_id, is_active=True).first()
    handler = registry.reply_handler(token.kind)
    if member is None or handler is None:
        return _Target(
            member=None,
            reason=InboundReason.INVALID_TOKEN,
            detail=_("This reply address no longer leads anywhere: the account is closed."),
        )
    target = f"{token.kind}:{token.target_id}"
    if not is_address_of(member, sender):
        return _Target(
            member=member,
            target=target,
            reason=InboundReason.WRONG_SENDER,
            detail=_(
                "This reply address accepts mail only from the address the mail was sent "
                "to. Send your answer from that address."
            ),
        )
    return _Target(member=member, target=target, target_id=token.target_id, post=handler)


def _submission_key(mail: _Mail, recipient: Recipient) -> str:
    digest = hashlib.sha256(f"{mail.key}:{recipient.address}".encode()).hexdigest()
    return f"mail-{digest[:40]}"


def _fitted(name: str, value: object) -> object:
    """A text cut to its column's length, without NUL (which PostgreSQL refuses): what a
    stranger's mail carries must never make the log row, and so every delivery, fail."""
    if not isinstance(value, str):
        return value
    value = value.replace("\x00", "")
    limit = getattr(InboundMail._meta.get_field(name), "max_length", None)
    return value[:limit] if limit else value


def _log(mail: _Mail, recipient: Recipient, **fields: object) -> InboundMail | None:
    """Claim (message, address); None when another delivery already did."""
    values: dict[str, object] = {
        "message_key": mail.key,
        "address": recipient.address,
        "message_id": mail.headers.message_id,
        "sender": mail.headers.sender,
        "subject": mail.headers.subject,
        **fields,
    }
    try:
        with transaction.atomic():
            return InboundMail.objects.create(
                **{name: _fitted(name, value) for name, value in values.items()}
            )
    except IntegrityError:
        return None


def _deliver(message: EmailMessage, mail: _Mail, recipient: Recipient) -> Outcome:
    if mail.robot or not mail.headers.sender:
        reason = InboundReason.AUTO_REPLY if mail.robot else InboundReason.UNREADABLE
        with transaction.atomic():
            row = _log(
                mail, recipient, status=InboundStatus.IGNORED, reason=reason, detail=mail.robot
            )
        status = InboundStatus.IGNORED if row is not None else DUPLICATE
        return Outcome(address=recipient.address, status=status, reason=reason)
    with translation.override(_language(mail)):
        resolved = _resolve(recipient, mail.headers.sender)
        # A stranger's mail is refused unread; any other refusal quotes the text.
        if resolved.reason not in UNTRUSTED_REFUSALS and not mail.checked:
            mail.refusal = _message_refusal(message, mail)
            mail.checked = True
    if resolved.reason:
        return _refuse(mail, recipient, resolved, resolved.reason, resolved.detail)
    if mail.refusal is not None:
        return _refuse(mail, recipient, resolved, *mail.refusal)
    return _post(mail, recipient, resolved)


def _post(mail: _Mail, recipient: Recipient, resolved: _Target) -> Outcome:
    member, post, content = resolved.member, resolved.post, mail.content
    if member is None or post is None or content is None:
        raise RuntimeError("a resolved target without a member, a handler or a text")
    text = registry.InboundText(
        subject=mail.headers.subject,
        text=content.text,
        attachments=content.attachments,
        submission_key=_submission_key(mail, recipient),
    )
    with transaction.atomic():
        row = _log(
            mail,
            recipient,
            member=member,
            target=resolved.target,
            status=InboundStatus.POSTED,
            reason=InboundReason.POSTED,
        )
        if row is None:
            return Outcome(address=recipient.address, status=DUPLICATE, reason="")
        try:
            with transaction.atomic(), translation.override(member.interface_language):
                url = post(member, resolved.target_id, text)
        except (PermissionDenied, ValidationError) as refusal:
            with translation.override(member.interface_language):
                detail = _refusal_text(refusal)
            row.status, row.reason, row.detail = (
                InboundStatus.REFUSED,
                InboundReason.NOT_ALLOWED,
                detail,
            )
            row.save(update_fields=["status", "reason", "detail"])
            _bounce(mail, detail)
            return Outcome(
                address=recipient.address,
                status=InboundStatus.REFUSED,
                reason=InboundReason.NOT_ALLOWED,
                detail=detail,
            )
        row.url = str(_fitted("url", url))
        row.save(update_fields=["url"])
    return Outcome(
        address=recipient.address,
        status=InboundStatus.POSTED,
        reason=InboundReason.POSTED,
        url=url,
    )


def _refusal_text(refusal: PermissionDenied | ValidationError) -> str:
    if isinstance(refusal, ValidationError):
        return " ".join(str(message) for message in refusal.messages)
    return str(refusal) or _("You may not post there.")


def _refuse(
    mail: _Mail, recipient: Recipient, resolved: _Target, reason: str, text: str
) -> Outcome:
    with transaction.atomic():
        row = _log(
            mail,
            recipient,
            member=resolved.member,
            target=resolved.target,
            status=InboundStatus.REFUSED,
            reason=reason,
            detail=text,
        )
        if row is None:
            return Outcome(address=recipient.address, status=DUPLICATE, reason="")
        _bounce(mail, text, quote=reason not in UNTRUSTED_REFUSALS)
    return Outcome(
        address=recipient.address, status=InboundStatus.REFUSED, reason=reason, detail=text
    )


def _language(mail: _Mail) -> str:
    """The language of the bounce: that of the member whose address sent the mail."""
    member = mail.sender_member
    return member.interface_language if member is not None else settings.LANGUAGE_CODE


def _bounce(mail: _Mail, detail: str, *, quote: bool = True) -> None:
    """Tell the sender once per reason; quote=False repeats nothing the mail said."""
    if detail in mail.bounced:
        return
    send_refusal(
        to=mail.headers.sender,
        member=mail.sender_member,
        subject=mail.headers.subject,
        message_id=mail.headers.message_id,
        reason=detail,
        text=mail.content.text if mail.content is not None else "",
        quote=quote,
    )
    mail.bounced.add(detail)
