"""Files on messages: validated like forum files, served only to participants."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tertulia.accounts.models import Member
from tertulia.messaging.models import Conversation, MessageAttachment
from tests.images import jpeg_with_gps
from tests.messaging.conftest import client_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def send(author: Member, recipient: Member, **files: Any) -> Any:
    return client_for(author).post(
        "/messages/new/",
        {
            "recipients": recipient.email,
            "subject": "Photos",
            "body": "See attached",
            **files,
        },
    )


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_a_picture_is_reencoded_without_exif_and_served_to_participants(
    member: Member, other_member: Member, outsider: Member, facilitator: Member
) -> None:
    response = send(
        member,
        other_member,
        file_1=SimpleUploadedFile("Atelier à Brazzaville.jpg", jpeg_with_gps()),
        alt_1="Trainers around a table",
    )
    assert response.status_code == 302
    attachment = MessageAttachment.objects.get()
    assert attachment.original_name == "Atelier à Brazzaville.jpg"
    assert "Brazzaville" not in attachment.file.name
    with Image.open(attachment.file.path) as stored:
        assert not stored.getexif()

    download = client_for(other_member).get(f"/messages/files/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "image/jpeg"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"] == (
        'inline; filename="Atelier a Brazzaville.jpg"; '
        f"filename*=UTF-8''{quote('Atelier à Brazzaville.jpg', safe='')}"
    )
    assert "private" in download["Cache-Control"]
    assert body(download) == Path(attachment.file.path).read_bytes()
    thumb = client_for(member).get(f"/messages/files/{attachment.pk}/thumb/")
    assert thumb["Content-Type"] == "image/webp"
    page = (
        client_for(other_member).get(f"/messages/{Conversation.objects.get().pk}/").content.decode()
    )
    assert 'alt="Trainers around a table"' in page

    for stranger in (outsider, facilitator):
        assert client_for(stranger).get(f"/messages/files/{attachment.pk}/").status_code == 404


def test_a_document_is_downloaded_as_an_attachment(member: Member, other_member: Member) -> None:
    send(member, other_member, file_1=SimpleUploadedFile("Évaluation.pdf", PDF))
    attachment = MessageAttachment.objects.get()

    download = client_for(other_member).get(f"/messages/files/{attachment.pk}/")

    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="Evaluation.pdf"')
    assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("README", "README"),
        ("Résumé", "Resume"),
        ("Résumé.pdf", "Resume.pdf"),
        ("日本.pdf", "attachment.pdf"),
    ],
)
def test_a_name_without_extension_keeps_its_ascii_letters(
    member: Member, other_member: Member, name: str, fallback: str
) -> None:
    send(member, other_member, file_1=SimpleUploadedFile("Évaluation.pdf", PDF))
    MessageAttachment.objects.update(original_name=name)
    attachment = MessageAttachment.objects.get()

    download = client_for(other_member).get(f"/messages/files/{attachment.pk}/")

    assert download["Content-Disposition"] == (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    )


def test_a_picture_needs_a_description(member: Member, other_member: Member) -> None:
    response = send(member, other_member, file_1=SimpleUploadedFile("photo.jpg", jpeg_with_gps()))

    assert "Describe the picture “photo.jpg”" in response.content.decode()
    assert not Conversation.objects.exists()
    assert not MessageAttachment.objects.exists()


def test_a_file_whose_content_contradicts_its_name_is_refused(
    member: Member, other_member: Member
) -> None:
    response = send(member, other_member, file_1=SimpleUploadedFile("report.docx", PDF))

    assert "This file is a PDF document, but its name ends in “.docx”" in response.content.decode()
    assert not Conversation.objects.exists()


def test_a_program_is_refused(member: Member, other_member: Member) -> None:
    program = SimpleUploadedFile("tool.exe", b"MZ\x90\x00" + bytes(range(256)))

    response = send(member, other_member, file_1=program)

    assert "We cannot accept this kind of file." in response.content.decode()
    assert not Conversation.objects.exists()


def test_a_member_who_left_cannot_fetch_later_files(
    member: Member, other_member: Member, tmp_path: Path
) -> None:
    conversation = client_for(member).post(
        "/messages/new/",
        {"recipients": other_member.email, "subject": "s", "body": "first"},
    )
    conversation_id = Conversation.objects.get().pk
    client_for(other_member).post(f"/messages/{conversation_id}/leave/")
    image = io.BytesIO()
    Image.new("RGB", (20, 20)).save(image, format="PNG")
    client_for(member).post(
        f"/messages/{conversation_id}/reply/",
        {"body": "later", "file_1": SimpleUploadedFile("d.png", image.getvalue()), "alt_1": "A"},
    )
    attachment = MessageAttachment.objects.get()

    assert conversation.status_code == 302
    assert client_for(other_member).get(f"/messages/files/{attachment.pk}/").status_code == 404
