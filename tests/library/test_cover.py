"""Cover pictures: re-encoded from their pixels, small, without EXIF, shown with their size."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tertulia.library.models import Resource
from tests.images import jpeg_with_gps, png
from tests.library.conftest import form_data, page_text

pytestmark = pytest.mark.django_db


def test_a_cover_is_reencoded_without_its_metadata(member_client: Client, tmp_path: Path) -> None:
    photo = jpeg_with_gps(size=(1600, 1200))
    member_client.post(
        "/resources/submit/", form_data(cover=SimpleUploadedFile("Portada São Paulo.jpg", photo))
    )

    resource = Resource.objects.get()
    stored = tmp_path / resource.cover.name
    assert "São" not in resource.cover.name
    with Image.open(stored) as image:
        assert image.format == "WEBP"
        assert max(image.size) == 640
        assert not image.getexif()
        assert (resource.cover_width, resource.cover_height) == image.size
    assert b"TestCam" not in stored.read_bytes()
    body = page_text(member_client.get(f"/resources/{resource.pk}/{resource.slug}/"))
    assert f'width="{resource.cover_width}" height="{resource.cover_height}"' in body


def test_a_facilitator_removes_a_cover(facilitator_client: Client, tmp_path: Path) -> None:
    facilitator_client.post(
        "/resources/submit/", form_data(cover=SimpleUploadedFile("c.png", png()))
    )
    resource = Resource.objects.get()
    assert resource.cover

    facilitator_client.post(f"/resources/{resource.pk}/edit/", form_data(remove_cover="on"))

    resource.refresh_from_db()
    assert not resource.cover
    assert resource.cover_width is None
