"""Attaching validated uploads to a post: descriptions for pictures, a limit, clean storage."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from tertulia.accounts.models import Member
from tertulia.forums.models import Attachment
from tertulia.forums.services.attachments import (
    MAX_ATTACHMENTS_PER_POST,
    attach_uploads,
    validate_alt_texts,
    validate_upload,
    validate_uploads,
)
from tests.factories import make_member, make_thread
from tests.images import GPS_IFD, jpeg_with_gps, upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_a_stored_photo_has_no_gps_and_a_generated_name(member: Member, tmp_path: Path) -> None:
    post = make_thread(author=member).posts.get()
    photo = validate_upload(upload("Taller en Dakar 2017.jpg", jpeg_with_gps()))

    [attachment] = attach_uploads(member, post, [photo], ["Trainers around a flip chart"])

    attachment.refresh_from_db()
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(tmp_path)
    assert "Dakar" not in attachment.file.name
    assert "Dakar" not in attachment.thumbnail.name
    image = Image.open(stored)
    assert not image.getexif().get_ifd(GPS_IFD)
    assert b"TestCam" not in stored.read_bytes()
    assert attachment.original_name == "Taller en Dakar 2017.jpg"
    assert attachment.alt_text == "Trainers around a flip chart"
    assert attachment.size == stored.stat().st_size
    assert (attachment.width, attachment.height) == (800, 600)
    assert Image.open(io.BytesIO(attachment.thumbnail.read())).format == "WEBP"


def test_a_picture_without_a_description_is_refused_by_name(member: Member) -> None:
    post = make_thread(author=member).posts.get()
    photo = validate_upload(upload("IMG_0042.jpg", jpeg_with_gps()))

    with pytest.raises(ValidationError) as caught:
        attach_uploads(member, post, [photo], ["   "])

    assert "IMG_0042.jpg" in caught.value.messages[0]
    assert not Attachment.objects.exists()


def test_documents_need_no_description() -> None:
    document = validate_upload(upload("notes.pdf", PDF))
    photo = validate_upload(upload("a.jpg", jpeg_with_gps(size=(20, 20))))

    assert validate_alt_texts([document, photo], ["ignored", " A  red\nsquare "]) == [
        "",
        "A red square",
    ]
    with pytest.raises(ValidationError):
        validate_alt_texts([document, photo], ["only one"])


def test_an_overlong_description_is_refused() -> None:
    photo = validate_upload(upload("a.jpg", jpeg_with_gps(size=(20, 20))))

    with pytest.raises(ValidationError, match="keep it under"):
        validate_alt_texts([photo], ["x" * 501])


def test_more_than_ten_files_on_a_post_are_refused_and_nothing_is_left(
    member: Member, tmp_path: Path
) -> None:
    post = make_thread(author=member).posts.get()
    documents = [validate_upload(upload(f"n{n}.pdf", PDF)) for n in range(MAX_ATTACHMENTS_PER_POST)]
    attach_uploads(member, post, documents, [])
    files_before = sorted(tmp_path.rglob("*.pdf"))

    with pytest.raises(ValidationError, match="at most 10"):
        attach_uploads(member, post, [validate_upload(upload("extra.pdf", PDF))], [])

    assert post.attachments.count() == MAX_ATTACHMENTS_PER_POST
    assert sorted(tmp_path.rglob("*.pdf")) == files_before


def test_only_the_author_attaches_files_to_a_post(member: Member) -> None:
    post = make_thread(author=member).posts.get()

    with pytest.raises(PermissionDenied):
        attach_uploads(make_member(), post, [validate_upload(upload("n.pdf", PDF))], [])

    assert not Attachment.objects.exists()


def test_a_form_hears_of_every_bad_file_at_once_by_name() -> None:
    files = [
        upload("ok.pdf", PDF),
        upload("fake.png", b"hello\n"),
        upload("report.docx", PDF),
    ]

    with pytest.raises(ValidationError) as caught:
        validate_uploads(files, [])

    messages = caught.value.messages
    assert len(messages) == 2
    assert messages[0].startswith("fake.png: ")
    assert messages[1].startswith("report.docx: ")


def test_a_form_gets_uploads_and_descriptions_pair_by_pair() -> None:
    files = [upload("a.pdf", PDF), upload("b.jpg", jpeg_with_gps(size=(30, 30)))]

    uploads, alt_texts = validate_uploads(files, ["", "A red square"])

    assert [u.original_name for u in uploads] == ["a.pdf", "b.jpg"]
    assert alt_texts == ["", "A red square"]
    with pytest.raises(ValidationError, match="at most 10"):
        validate_uploads(files, [], existing=9)
