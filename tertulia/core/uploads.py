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


# Full-size re-encoding keeps the member's format so a photo stays a photo and a diagram
# stays lossless; only the pixels travel into the new file.
_KEPT_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}


@dataclass(frozen=True)
class ReencodedImage:
    file: ContentFile[bytes]
    thumbnail: ContentFile[bytes]
    content_type: str
    width: int
    height: int


def thumbnail_size(width: int, height: int, side: int) -> tuple[int, int]:
    """The size of the thumbnail of a width x height picture that fits a side x side box.

    Templates compute the same numbers with `{% widthratio %}` (round(a / b * side)), so
    `<img>` can reserve the right space before the thumbnail arrives.
    """
    if width <= side and height <= side:
        return width, height
    if width >= height:
        return side, max(1, round(height / width * side))
    return max(1, round(width / height * side)), side


def _pixels_only(image: Image.Image) -> Image.Image:
    """A copy carrying no metadata but the transparency the pixels need."""
    copy = image.copy()
    copy.info = {}
    for key in ("transparency", "icc_profile"):
        if key in image.info:
            copy.info[key] = image.info[key]
    return copy


def _encode(image: Image.Image, image_format: str) -> bytes:
    out = io.BytesIO()
    icc = image.info.get("icc_profile")  # colour fidelity, not personal data
    if image_format == "JPEG":
        image = image.convert("L" if image.mode in {"1", "L"} else "RGB")
        image.save(out, format="JPEG", quality=85, optimize=True, icc_profile=icc)
    elif image_format == "PNG":
        if image.mode not in {"1", "L", "LA", "P", "RGB", "RGBA"}:
            image = image.convert("RGBA")
        image.save(out, format="PNG", icc_profile=icc)
    elif image_format == "WEBP":
        has_alpha = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
        image.save(out, format="WEBP", quality=85, method=4, icc_profile=icc)
    else:  # GIF: the first frame only; an animation would need every frame re-checked.
        if image.mode not in {"L", "P"}:
            image = image.convert("RGBA").convert("P", palette=Image.Palette.ADAPTIVE)
        image.save(out, format="GIF", transparency=image.info.get("transparency"))
    return out.getvalue()


def reencode_image(upload: UploadedFile, *, max_bytes: int, thumbnail_side: int) -> ReencodedImage:
    """Validate an uploaded picture; return a full-size re-encoded copy and a WebP thumbnail.

    JPEG stays JPEG, PNG stays PNG, WebP stays WebP; a GIF keeps its first frame. The
    orientation the camera recorded is applied to the pixels and every other piece of
    metadata (EXIF, GPS, comments, XMP) is left behind. Raises ValidationError with a
    message for the member, like `clean_image`.
    """
    check_size(upload, max_bytes)
    image = _open_image(upload)
    image_format = str(image.format)
    content_type, extension = _KEPT_FORMATS[image_format]
    image.seek(0)
    upright = _pixels_only(ImageOps.exif_transpose(image))
    full = _encode(upright, image_format)

    has_alpha = upright.mode in {"RGBA", "LA", "PA"} or "transparency" in upright.info
    small = upright.convert("RGBA" if has_alpha else "RGB")
    small = small.resize(
        thumbnail_size(upright.width, upright.height, thumbnail_side),
        Image.Resampling.LANCZOS,
        reducing_gap=3.0,  # shrink in steps: a 40-megapixel photo in well under a second
    )
    thumb = io.BytesIO()
    small.save(thumb, format="WEBP", quality=80, method=4)

    stem = uuid.uuid4().hex
    return ReencodedImage(
        file=ContentFile(full, name=f"{stem}.{extension}"),
        thumbnail=ContentFile(thumb.getvalue(), name=f"{stem}-thumb.webp"),
        content_type=content_type,
        width=upright.width,
        height=upright.height,
    )
