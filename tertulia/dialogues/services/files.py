"""Documents facilitators upload with a dialogue: the concept note PDF and materials.

They are checked by content with the forums' `validate_upload` (a PDF's `%PDF-` header,
the parts inside an Office zip...), stored under a generated name, and the uploader's
file name is kept, cleaned, for display and for the download's file name.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from tertulia.forums.services.attachments import ValidatedUpload, validate_upload
from tertulia.forums.uploads import PDF

logger = logging.getLogger(__name__)


def validate_pdf(upload: UploadedFile) -> ValidatedUpload:
    """A PDF document, recognised by its content; anything else is refused."""
    checked = validate_upload(upload)
    if checked.content_type != PDF.content_type:
        raise ValidationError(
            _("The concept note must be a PDF document; this file is not one."),
            code="not_a_pdf",
        )
    return checked


def validate_document(upload: UploadedFile) -> ValidatedUpload:
    """Slides, a report or a picture: anything the forums accept on a post."""
    return validate_upload(upload)


@contextmanager
def stored_files() -> Iterator[list[tuple[Storage, str]]]:
    """Collect the files written during a write; remove them again if it fails.

    Files are written before the rows that point to them; when anything fails (and the
    caller's transaction rolls back), the files written so far are deleted.
    """
    written: list[tuple[Storage, str]] = []
    try:
        yield written
    except BaseException:
        for storage, name in written:
            _delete(storage, name)
        raise


def store(field: FieldFile, upload: ValidatedUpload, written: list[tuple[Storage, str]]) -> None:
    """Write the validated bytes under their generated name (the row is not saved)."""
    upload.file.seek(0)
    field.save(str(upload.file.name), upload.file, save=False)
    written.append((field.storage, field.name or ""))


def delete_after_commit(field: FieldFile) -> None:
    """Remove the field's current file once the change that drops it is committed.

    Call it before the field is given its new file."""
    storage, name = field.storage, field.name or ""
    if name:
        transaction.on_commit(lambda: _delete(storage, name))


def _delete(storage: Storage, name: str) -> None:
    if not name:
        return
    try:
        storage.delete(name)
    except OSError:
        logger.warning("Could not remove the file %s", name)
