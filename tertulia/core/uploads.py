"""Uploaded images: validated by their content, re-encoded, stripped of metadata.

The bytes a member sends are never stored as they are: Pillow must decode them as one of
the allowed formats, then a fresh file is written from the pixels alone, so EXIF (GPS
positions, camera serials) and anything smuggled after the image data are gone. Stored
names are generated; the member's file name is never part of a path.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# Far above any photo a member takes, far below what exhausts a worker's memory.
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class CleanImage:
    file: ContentFile[bytes]
    width: int
    height: int


def check_size(upload: UploadedFile, max_bytes: int) -> None:
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("This file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )


def _open_image(upload: UploadedFile) -> Image.Image:
    not_an_image = ValidationError(
        _("This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF picture."),
        code="not_an_image",
    )
    too_many_pixels = ValidationError(
        _("This image is too large in pixels. Resize it and upload it again."),
        code="too_many_pixels",
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_IMAGE_FORMATS:
                raise not_an_image
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise too_many_pixels
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_an_image from None
    return image


def clean_image(upload: UploadedFile, *, max_bytes: int, max_side: int) -> CleanImage:
    """Validate an uploaded picture and return a re-encoded copy no wider than max_side.

    Raises ValidationError with a message for the member when the upload is too big,
    is not an image, or decodes to an absurd number of pixels.
    """
    check_size(upload, max_bytes)
    image = _open_image(upload)
    image = ImageOps.exif_transpose(image)  # keep the orientation the camera recorded
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # WebP keeps transparency and is a third the size of JPEG at the same quality:
    # members on metered connections pay for every byte of every avatar.
    image.save(out, format="WEBP", quality=82, method=4)
    name = f"{uuid.uuid4().hex}.webp"
    return CleanImage(
        file=ContentFile(out.getvalue(), name=name), width=image.width, height=image.height
    )
