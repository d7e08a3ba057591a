"""Real image bytes for upload tests."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
MAKE = 0x010F


def jpeg_with_gps(*, size: tuple[int, int] = (800, 600)) -> bytes:
    """A JPEG photo whose EXIF names the camera and a GPS position (Dakar)."""
    image = Image.new("RGB", size, (200, 80, 120))
    exif = Image.Exif()
    exif[MAKE] = "TestCam"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (14.0, 41.0, 33.0)  # GPSLatitude
    gps[3] = "W"
    gps[4] = (17.0, 26.0, 48.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png(*, size: tuple[int, int] = (64, 64)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (10, 120, 200, 128)).save(out, format="PNG")
    return out.getvalue()


def decompression_bomb() -> bytes:
    """A tiny PNG that decodes to 144 million pixels."""
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
