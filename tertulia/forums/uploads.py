"""Documents members attach to posts, recognised by what is inside them, never by their name.

A file's name is only a claim: a PDF renamed `.docx`, or a program renamed `.txt`, must
not reach another member's computer under a name that makes it open in the wrong
program. So the type comes from the content (a PDF's `%PDF-` header, the parts inside an
Office or OpenDocument zip, text that decodes cleanly) and the name must then agree.

Office files are zip archives. We never unpack them, but whoever opens one later
(a member's office suite, a future preview or search indexer) will, so an archive that
claims to unpack to an absurd size — a zip bomb — is refused from its central directory.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Far more than any real document expands to, far less than fills a disk.
MAX_UNPACKED_BYTES = 250 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
# Control characters that real text files carry: tab, line feed, vertical tab, form
# feed, carriage return, and the DOS end-of-file mark some old editors still write.
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
# Direction overrides let "photo\u202egpj.exe" show as "photoexe.jpg".
_NAME_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NAME_MAX = 255


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str
    label: Promise


PDF = DocumentType("pdf", "application/pdf", gettext_lazy("PDF document"))
DOCX = DocumentType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    gettext_lazy("Word document"),
)
XLSX = DocumentType(
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    gettext_lazy("Excel spreadsheet"),
)
PPTX = DocumentType(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    gettext_lazy("PowerPoint presentation"),
)
ODT = DocumentType(
    "odt", "application/vnd.oasis.opendocument.text", gettext_lazy("OpenDocument text")
)
TXT = DocumentType("txt", "text/plain; charset=utf-8", gettext_lazy("Text file"))
CSV = DocumentType("csv", "text/csv; charset=utf-8", gettext_lazy("CSV table"))
CSV_LATIN1 = DocumentType("csv", "text/csv; charset=iso-8859-1", gettext_lazy("CSV table"))

DOCUMENT_TYPES = (PDF, DOCX, XLSX, PPTX, ODT, TXT, CSV)
DOCUMENT_EXTENSIONS = frozenset(kind.extension for kind in DOCUMENT_TYPES)
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "webp", "gif"})

# Office Open XML: which folder inside the zip says which program wrote it.
_OOXML_PARTS = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))
_IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")


def type_label(content_type: str) -> str:
    """What to call a stored document for members ("Word document"), from its content type."""
    bare = content_type.split(";", 1)[0].strip()
    for kind in DOCUMENT_TYPES:
        if kind.content_type.split(";", 1)[0] == bare:
            return str(kind.label)
    if bare.startswith("image/"):
        return _("Image")
    return _("File")


def clean_file_name(name: str) -> str:
    """The member's file name, fit to show: no folders, no control characters, ≤ 255."""
    name = unicodedata.normalize("NFC", name)
    name = re.split(r"[\\/]", name)[-1]
    name = _NAME_FORBIDDEN.sub("", name).strip().strip(".").strip()
    if not name:
        return _("attachment")
    if len(name) > NAME_MAX:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = f"{stem[: NAME_MAX - len(extension) - 1]}.{extension}"
        else:
            name = name[:NAME_MAX]
    return name


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def looks_like_image(head: bytes) -> bool:
    return head.startswith(_IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _accepted_list() -> str:
    return ", ".join(
        sorted(f".{extension}" for extension in DOCUMENT_EXTENSIONS | IMAGE_EXTENSIONS)
    )


def _unknown_type() -> ValidationError:
    return ValidationError(
        _("We cannot accept this kind of file. Files we accept end in: %(extensions)s.")
        % {"extensions": _accepted_list()},
        code="unknown_type",
    )


def _zip_type(data: bytes) -> DocumentType:
    damaged = ValidationError(
        _("This file looks like a compressed document but it is damaged."), code="damaged"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or (
                sum(member.file_size for member in members) > MAX_UNPACKED_BYTES
            ):
                raise ValidationError(
                    _("This document unpacks to far more data than a real document holds."),
                    code="zip_bomb",
                )
            names = {member.filename for member in members}
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                # The OpenDocument signature is a few dozen bytes; read no further.
                with archive.open(info) as member_file:
                    declared = member_file.read(100).strip()
                if declared == ODT.content_type.encode():
                    return ODT
            if "[Content_Types].xml" in names:
                for folder, kind in _OOXML_PARTS:
                    if any(name.startswith(folder) for name in names):
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        raise damaged from None
    raise _unknown_type()


def _text_type(data: bytes, extension: str) -> DocumentType | None:
    """TXT or CSV when the bytes are clean text, else None."""
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
        utf8 = True
    except UnicodeDecodeError:
        # Spreadsheets on older Windows computers still export CSV in Latin-1.
        if extension != "csv":
            return None
        text = data.decode("latin-1")
        utf8 = False
    if _TEXT_CONTROLS.search(text):
        return None
    if extension == "csv":
        return CSV if utf8 else CSV_LATIN1
    return TXT


def detect_document(data: bytes, extension: str) -> DocumentType:
    """The document type of these bytes, which the name's extension must agree with.

    Raises ValidationError with a message for the member otherwise.
    """
    if not data:
        raise ValidationError(_("This file is empty."), code="empty")
    if data.startswith(b"%PDF-"):
        kind = PDF
    elif data.startswith(b"PK\x03\x04"):
        kind = _zip_type(data)
    else:
        text_kind = _text_type(data, extension)
        if text_kind is None:
            raise _unknown_type()
        if extension not in {"txt", "csv"}:
            raise ValidationError(
                _(
                    "This file contains plain text, but its name ends in “.%(extension)s”. "
                    "Rename it to end in .txt (or .csv for a table) and upload it again."
                )
                % {"extension": extension},
                code="wrong_extension",
            )
        kind = text_kind
    if kind.extension != extension:
        raise wrong_extension(kind.label, kind.extension, extension)
    return kind


def wrong_extension(label: Promise | str, expected: str, extension: str) -> ValidationError:
    if extension:
        message = _(
            "This file is a %(type)s, but its name ends in “.%(extension)s”. "
            "Rename it to end in .%(expected)s and upload it again."
        ) % {"type": label, "extension": extension, "expected": expected}
    else:
        message = _(
            "This file is a %(type)s, but its name has no extension. "
            "Rename it to end in .%(expected)s and upload it again."
        ) % {"type": label, "expected": expected}
    return ValidationError(message, code="wrong_extension")
