"""Reading a received message: its headers, its text, its files.

The `email` package parses leniently and records what it had to guess as defects;
the defects that mean the structure itself is broken (a multipart without its
boundaries, a missing blank line after the headers, undecodable base64) make the
message malformed, and it is refused rather than posted half-read.

Text: the text/plain part when there is one, else the text/html part turned into text.
Charsets: what the part declares, with the usual mislabels mended (ISO-8859-1 and
US-ASCII read as windows-1252, which is what such mail really is: curly quotes and
dashes in 0x80-0x9F); format=flowed lines (Thunderbird, Apple Mail) joined again.
"""

from __future__ import annotations

import codecs
import hashlib
import mimetypes
from dataclasses import dataclass
from email import errors, policy
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser, BytesParser
from typing import Any

from tertulia.notifications.inbound.html_text import html_to_text
from tertulia.notifications.inbound.quotes import remove_quotes
from tertulia.notifications.inbound.registry import InboundAttachment

FATAL_DEFECTS = (
    errors.StartBoundaryNotFoundDefect,
    errors.CloseBoundaryNotFoundDefect,
    errors.NoBoundaryInMultipartDefect,
    errors.MultipartInvariantViolationDefect,
    errors.MissingHeaderBodySeparatorDefect,
    errors.InvalidBase64LengthDefect,
    errors.InvalidMultipartContentTransferEncodingDefect,
)
LATIN1_NAMES = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
MESSAGE_ID_MAX = 300
SUBJECT_MAX = 300


class MalformedMailError(Exception):
    """The message cannot be read as its sender meant it."""


@dataclass(frozen=True)
class Headers:
    message_id: str
    sender: str  # the From address, lower case; "" when there is none
    subject: str
    # To and Cc, as written: counted against INBOUND_MAX_RECIPIENTS.
    recipients: tuple[str, ...]
    # Where the MTA says it delivered the mail, then To and Cc: to find our address
    # when the MTA gave none.
    delivered_to: tuple[str, ...]

    def message_key(self, raw: bytes) -> str:
        source = self.message_id.encode() if self.message_id else raw
        return hashlib.sha256(source).hexdigest()


@dataclass(frozen=True)
class Content:
    text: str
    attachments: tuple[InboundAttachment, ...]


def parse_message(raw: bytes) -> EmailMessage:
    return _email_message(BytesParser(policy=policy.default).parsebytes(raw))


def parse_head(head: bytes) -> EmailMessage:
    """Only the headers (of a message too large to read whole)."""
    return _email_message(BytesHeaderParser(policy=policy.default).parsebytes(head))


def _email_message(message: Message) -> EmailMessage:
    if not isinstance(message, EmailMessage):  # policy.default always builds one
        raise TypeError("expected an EmailMessage")
    return message


def _without_nul(text: str) -> str:
    # PostgreSQL keeps no NUL character in text: one in a header or a body would make
    # every delivery of the message fail.
    return text.replace("\x00", "")


def header_text(message: Message, name: str) -> str:
    """A header's decoded value, "" when absent or beyond repair."""
    try:
        value = message.get(name)
    except (errors.HeaderParseError, ValueError, IndexError, TypeError):
        return ""
    return " ".join(_without_nul(str(value)).split()) if value is not None else ""


def _addresses(message: Message, name: str) -> list[str]:
    found: list[str] = []
    try:
        values = message.get_all(name) or []
        for value in values:
            found.extend(
                address.addr_spec.lower()
                for address in getattr(value, "addresses", ())
                if address.addr_spec
                and "@" in address.addr_spec
                and address.addr_spec.isprintable()
            )
    except (errors.HeaderParseError, ValueError, IndexError, TypeError):
        return found
    return found


def read_headers(message: Message) -> Headers:
    senders = _addresses(message, "From")
    recipients = [*_addresses(message, "To"), *_addresses(message, "Cc")]
    delivered = [*_addresses(message, "Delivered-To"), *_addresses(message, "X-Original-To")]
    return Headers(
        message_id=header_text(message, "Message-ID")[:MESSAGE_ID_MAX],
        sender=senders[0] if senders else "",
        subject=header_text(message, "Subject")[:SUBJECT_MAX],
        recipients=tuple(recipients),
        delivered_to=tuple(dict.fromkeys([*delivered, *recipients])),
    )


def check_structure(message: EmailMessage) -> None:
    for part in message.walk():
        for defect in part.defects:
            if isinstance(defect, FATAL_DEFECTS):
                raise MalformedMailError(type(defect).__name__)


def _utf8_or_cp1252(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def decode_text(data: bytes, charset: str) -> str:
    """The part's text; a charset we cannot use (unknown, or a codec that is not a text
    encoding, such as "zlib" or "base64") is read as UTF-8, else windows-1252."""
    name = charset.strip().lower()
    if name in LATIN1_NAMES:
        try:
            return data.decode("utf-8") if name in {"us-ascii", "ascii"} else data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")
    try:
        codec = codecs.lookup(name).name if name else "utf-8"
    except LookupError:
        codec = "utf-8"
    if codec == "utf-8":
        return _utf8_or_cp1252(data)
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        try:
            return data.decode(codec, errors="replace")
        except (LookupError, UnicodeError, ValueError):
            return _utf8_or_cp1252(data)
    except (LookupError, UnicodeError, ValueError):
        # Not a text encoding: bytes.decode() refuses it with LookupError.
        return _utf8_or_cp1252(data)


def unflow(text: str, *, delsp: bool) -> str:
    """Join the soft-wrapped lines of a format=flowed body (RFC 3676).

    The pieces of a paragraph are collected and joined once: adding each line to the
    text so far would take time growing with the square of the paragraph's length."""
    joined: list[str] = []
    pieces: list[str] = []  # the flowed lines of the paragraph being read
    depth_of_pieces = 0  # their quote depth
    for line in text.split("\n"):
        stripped = line.lstrip(">")
        depth = len(line) - len(stripped)
        if stripped.startswith(" "):
            stripped = stripped[1:]  # space-stuffing
        if pieces and depth != depth_of_pieces:
            joined.append(_quoted(depth_of_pieces, "".join(pieces)))
            pieces = []
        # "-- " alone is the signature separator, never a flowed line.
        if stripped.endswith(" ") and (pieces or stripped != "-- "):
            pieces.append(stripped[:-1] if delsp else stripped)
            depth_of_pieces = depth
        else:
            pieces.append(stripped)
            joined.append(_quoted(depth, "".join(pieces)))
            pieces = []
    if pieces:
        joined.append(_quoted(depth_of_pieces, "".join(pieces)))
    return "\n".join(joined)


def _quoted(depth: int, text: str) -> str:
    return f"{'>' * depth} {text}" if depth else text


def part_text(part: Message) -> str:
    payload: Any = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    text = decode_text(payload, part.get_content_charset() or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if str(part.get_param("format", "", header="content-type")).lower() == "flowed":
        delsp = str(part.get_param("delsp", "", header="content-type")).lower() == "yes"
        text = unflow(text, delsp=delsp)
    return text


def _file_name(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except (errors.HeaderParseError, ValueError, IndexError, TypeError):
        name = ""
    name = " ".join(_without_nul(name).replace("/", " ").replace("\\", " ").split())
    if name:
        return name
    extension = mimetypes.guess_extension(part.get_content_type()) or ".bin"
    return f"attachment{extension}"


def _is_file(part: Message, *, in_related: bool) -> bool:
    if part.get_content_disposition() == "attachment":
        return True
    try:
        has_name = bool(part.get_filename())
    except (errors.HeaderParseError, ValueError, IndexError, TypeError):
        has_name = False
    # Pictures inside multipart/related decorate the HTML (logos in signatures); a named
    # inline part elsewhere is a file shown in place (Apple Mail's photos).
    return has_name and not in_related and part.get_content_maintype() != "text"


def _files(message: EmailMessage, body: Message | None) -> list[InboundAttachment]:
    found: list[InboundAttachment] = []

    def visit(part: Message, in_related: bool) -> None:
        if part is body:
            return
        if part.is_multipart():
            related = in_related or part.get_content_type() == "multipart/related"
            for child in part.get_payload():
                if isinstance(child, Message):
                    visit(child, related)
            return
        if part.get_content_maintype() == "message" or not _is_file(part, in_related=in_related):
            return
        data: Any = part.get_payload(decode=True)
        name = _file_name(part)
        found.append(
            InboundAttachment(
                filename=name,
                content_type=part.get_content_type(),
                data=data if isinstance(data, bytes) else b"",
                description=header_text(part, "Content-Description") or name,
            )
        )

    visit(message, False)
    return found


def read_content(message: EmailMessage) -> Content:
    """The member's new text (quotes and signature removed) and the files."""
    check_structure(message)
    body = message.get_body(preferencelist=("plain",))
    if body is not None:
        text = part_text(body)
    else:
        body = message.get_body(preferencelist=("html",))
        text = html_to_text(part_text(body)) if body is not None else ""
    return Content(text=remove_quotes(_without_nul(text)), attachments=tuple(_files(message, body)))
