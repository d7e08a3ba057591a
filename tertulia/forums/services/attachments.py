"""Files on posts: checking what members upload, and attaching it to their posts.

Posting calls `validate_upload` on each file while it validates the form (nothing is
stored yet), `validate_alt_texts` for the descriptions of the pictures, then
`attach_uploads` inside its own transaction once the post exists.

What we store is never the bytes as sent: pictures are re-encoded from their pixels
(no EXIF or GPS position survives) with a thumbnail beside them, documents are kept
only when their content proves their type. Storage names are random; the member's
file name is kept, cleaned, for display and for the download's Content-Disposition.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import is_member
from tertulia.core.uploads import check_size, reencode_image
from tertulia.forums.models import Attachment, AttachmentKind, Post
from tertulia.forums.permissions import can_moderate
from tertulia.forums.uploads import (
    IMAGE_EXTENSIONS,
    clean_file_name,
    detect_document,
    extension_of,
    looks_like_image,
    wrong_extension,
)

logger = logging.getLogger(__name__)
Row = TypeVar("Row", bound=models.Model)

MAX_ATTACHMENTS_PER_POST = 10
THUMBNAIL_SIDE = 480
ALT_TEXT_MAX = 500


@dataclass(frozen=True)
class ValidatedUpload:
    """An upload that passed every check, ready to store under a generated name."""

    kind: str  # AttachmentKind
    original_name: str
    content_type: str
    file: ContentFile[bytes]
    thumbnail: ContentFile[bytes] | None = None
    width: int | None = None
    height: int | None = None

    @property
    def size(self) -> int:
        return int(self.file.size)

    @property
    def is_image(self) -> bool:
        return self.kind == AttachmentKind.IMAGE


def max_upload_bytes() -> int:
    return int(settings.FORUM_ATTACHMENT_MAX_BYTES)


def validate_upload(upload: UploadedFile) -> ValidatedUpload:
    """Check one uploaded file by its content; raise ValidationError saying what is wrong."""
    limit = max_upload_bytes()
    check_size(upload, limit)
    original_name = clean_file_name(upload.name or "")
    extension = extension_of(original_name)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:  # the size the client declared can be wrong
        raise ValidationError(
            _("This file is larger than the limit of %(limit)s.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )

    if looks_like_image(data[:16]):
        if extension not in IMAGE_EXTENSIONS:
            raise wrong_extension(_("picture"), "jpg", extension)
        # Members' phones name a WebP ".jpg" often enough; any picture extension will
        # do, since the stored copy is re-encoded and served under its true type.
        image = reencode_image(upload, max_bytes=limit, thumbnail_side=THUMBNAIL_SIDE)
        return ValidatedUpload(
            kind=AttachmentKind.IMAGE,
            original_name=original_name,
            content_type=image.content_type,
            file=image.file,
            thumbnail=image.thumbnail,
            width=image.width,
            height=image.height,
        )
    if extension in IMAGE_EXTENSIONS:
        raise ValidationError(
            _(
                "The name of this file ends in “.%(extension)s”, but its content is not a "
                "picture. Upload a JPEG, PNG, WebP or GIF picture."
            )
            % {"extension": extension},
            code="not_an_image",
        )

    document = detect_document(data, extension)
    return ValidatedUpload(
        kind=AttachmentKind.DOCUMENT,
        original_name=original_name,
        content_type=document.content_type,
        file=ContentFile(data, name=f"{uuid.uuid4().hex}.{document.extension}"),
    )


def check_attachment_count(existing: int, adding: int) -> None:
    """Refuse more than MAX_ATTACHMENTS_PER_POST files on one post."""
    if existing + adding > MAX_ATTACHMENTS_PER_POST:
        raise ValidationError(
            ngettext(
                "A post can carry at most %(limit)s file.",
                "A post can carry at most %(limit)s files.",
                MAX_ATTACHMENTS_PER_POST,
            )
            % {"limit": MAX_ATTACHMENTS_PER_POST},
            code="too_many_files",
        )


def validate_alt_texts(uploads: Sequence[ValidatedUpload], alt_texts: Sequence[str]) -> list[str]:
    """The description of each upload as stored ("" for documents), in upload order.

    Every picture needs one, for members who listen to the page or whose connection
    drops images; ValidationError lists each picture still missing it.
    """
    cleaned: list[str] = []
    errors: list[ValidationError] = []
    for index, upload in enumerate(uploads):
        raw = alt_texts[index] if index < len(alt_texts) else ""
        text = " ".join(raw.replace("\x00", "").split())
        if not upload.is_image:
            cleaned.append("")
            continue
        if not text:
            errors.append(
                ValidationError(
                    _(
                        "Describe the picture “%(name)s” in a few words for members "
                        "who cannot see it."
                    )
                    % {"name": upload.original_name},
                    code="alt_text_missing",
                )
            )
        elif len(text) > ALT_TEXT_MAX:
            errors.append(
                ValidationError(
                    _(
                        "The description of “%(name)s” is %(length)s characters long; "
                        "keep it under %(limit)s."
                    )
                    % {"name": upload.original_name, "length": len(text), "limit": ALT_TEXT_MAX},
                    code="alt_text_too_long",
                )
            )
        cleaned.append(text)
    if errors:
        raise ValidationError(errors)
    return cleaned


def validate_uploads(
    files: Sequence[UploadedFile], alt_texts: Sequence[str], *, existing: int = 0
) -> tuple[list[ValidatedUpload], list[str]]:
    """Everything a posting form checks about its files, every problem reported at once.

    `files` and `alt_texts` go pair by pair (the description typed beside each file);
    `existing` counts files the post already carries. Returns the uploads and their
    descriptions, ready for `attach_uploads`.
    """
    check_attachment_count(existing, len(files))
    uploads: list[ValidatedUpload] = []
    errors: list[ValidationError] = []
    for upload in files:
        try:
            uploads.append(validate_upload(upload))
        except ValidationError as error:
            name = clean_file_name(upload.name or "")
            errors.extend(
                ValidationError(
                    _("%(name)s: %(problem)s") % {"name": name, "problem": message},
                    code=error.code if hasattr(error, "code") else "invalid",
                )
                for message in error.messages
            )
    if errors:
        raise ValidationError(errors)
    kept_alt_texts = [
        alt_texts[index] if index < len(alt_texts) else "" for index in range(len(files))
    ]
    return uploads, validate_alt_texts(uploads, kept_alt_texts)


def attach_uploads(
    uploader: Member,
    post: Post,
    uploads: Sequence[ValidatedUpload],
    alt_texts: Sequence[str],
) -> list[Attachment]:
    """Store validated uploads and attach them to the post, in the caller's transaction.

    Files are written to storage before the rows; if anything here fails they are
    removed again. (Should the caller's own transaction roll back later, the files stay
    behind without a row; they hold nothing a reader can reach.)
    """
    if not uploads:
        return []
    if not is_member(uploader) or (post.author_id != uploader.pk and not can_moderate(uploader)):
        raise PermissionDenied(_("You can only attach files to your own posts."))
    descriptions = validate_alt_texts(uploads, alt_texts)

    def check_count() -> None:
        check_attachment_count(Attachment.objects.filter(post=post).count(), len(uploads))

    return store_uploads(
        Attachment, uploads, descriptions, check=check_count, post=post, uploader=uploader
    )


def store_uploads(
    model: type[Row],
    uploads: Sequence[ValidatedUpload],
    descriptions: Sequence[str],
    *,
    check: Callable[[], None] | None = None,
    **owner: Any,
) -> list[Row]:
    """Write validated uploads (and their thumbnails) to storage and create one `model`
    row each, with `owner` fields (e.g. post= and uploader=), in one transaction.

    Files are written before the rows; if anything here fails they are removed again.
    (Should the caller's own transaction roll back later, the files stay behind without
    a row; they hold nothing a reader can reach.) `check` runs first, inside the
    transaction, for limits that count existing rows.
    """
    file_field = model._meta.get_field("file")
    if not isinstance(file_field, models.FileField):
        raise TypeError(f"{model.__name__}.file is not a file field")
    storage = file_field.storage
    written: list[str] = []
    try:
        with transaction.atomic():
            if check is not None:
                check()
            rows = []
            for upload, alt_text in zip(uploads, descriptions, strict=True):
                # Every attachment model has these fields (forums, messaging).
                row: Any = model(
                    **owner,
                    kind=upload.kind,
                    original_name=upload.original_name,
                    content_type=upload.content_type,
                    size=upload.size,
                    width=upload.width,
                    height=upload.height,
                    alt_text=alt_text,
                )
                upload.file.seek(0)
                row.file.save(str(upload.file.name), upload.file, save=False)
                written.append(row.file.name)
                if upload.thumbnail is not None:
                    upload.thumbnail.seek(0)
                    row.thumbnail.save(str(upload.thumbnail.name), upload.thumbnail, save=False)
                    written.append(row.thumbnail.name)
                rows.append(row)
            return model._default_manager.bulk_create(rows)
    except BaseException:
        for name in written:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove the unattached file %s", name)
        raise
