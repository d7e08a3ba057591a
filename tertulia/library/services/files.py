"""A resource's uploaded file and cover picture: checked by content, stored under new names.

The file goes through the forum attachments' checks (`validate_upload`): its type comes
from its content and its name must agree; pictures are re-encoded. The cover is
re-encoded to a small WebP from its pixels alone, so no EXIF or GPS position survives.
Files are written to storage before the row; `stored_files` removes them again when
the write that needed them fails.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from tertulia.core.uploads import CleanImage, clean_image
from tertulia.forums.services.attachments import ValidatedUpload, validate_upload
from tertulia.library.models import Resource

logger = logging.getLogger(__name__)

COVER_MAX_BYTES = 5 * 1024 * 1024
# Wide enough for a detail page, small enough for a slow connection (a few dozen KB).
COVER_SIDE = 640


@dataclass(frozen=True)
class CheckedFiles:
    upload: ValidatedUpload | None
    cover: CleanImage | None


def check_files(
    file: UploadedFile | None, cover: UploadedFile | None, errors: dict[str, list[str]]
) -> CheckedFiles:
    """Validate both uploads; add what is wrong to `errors` under "file" and "cover"."""
    checked_upload = checked_cover = None
    if file is not None:
        try:
            checked_upload = validate_upload(file)
        except ValidationError as problem:
            errors.setdefault("file", []).extend(problem.messages)
    if cover is not None:
        try:
            checked_cover = clean_image(cover, max_bytes=COVER_MAX_BYTES, max_side=COVER_SIDE)
        except ValidationError as problem:
            errors.setdefault("cover", []).extend(problem.messages)
    return CheckedFiles(upload=checked_upload, cover=checked_cover)


class FileWriter:
    """Writes files onto a resource (not saving the row) and remembers what it wrote."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def _save(self, field_name: str, resource: Resource, content: ContentFile[bytes]) -> None:
        field = getattr(resource, field_name)
        content.seek(0)
        field.save(str(content.name), content, save=False)
        self.written.append(field.name)

    def put_upload(self, resource: Resource, upload: ValidatedUpload) -> None:
        self._save("file", resource, upload.file)
        resource.file_name = upload.original_name
        resource.file_size = upload.size
        resource.file_content_type = upload.content_type

    def put_cover(self, resource: Resource, cover: CleanImage) -> None:
        self._save("cover", resource, cover.file)
        resource.cover_width = cover.width
        resource.cover_height = cover.height


def delete_stored(names: list[str]) -> None:
    storage = Resource._meta.get_field("file").storage
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not remove the resource file %s", name)


@contextmanager
def stored_files() -> Iterator[FileWriter]:
    """Files written inside this block are deleted again if the block raises."""
    writer = FileWriter()
    try:
        yield writer
    except BaseException:
        delete_stored(writer.written)
        raise
