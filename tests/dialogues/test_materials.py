"""Recordings, slides and documents: a web link (http/https) or a file checked by content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue, DialogueMaterial, MaterialKind
from tertulia.dialogues.services.materials import add_material, remove_material
from tests.dialogues.factories import PDF_BYTES, create, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def dialogue(facilitator: Member) -> Dialogue:
    return create(facilitator)


def test_a_recording_link_is_added(dialogue: Dialogue, facilitator: Member) -> None:
    material = add_material(
        facilitator,
        dialogue,
        kind=MaterialKind.RECORDING,
        title="Recording of the webinar",
        url="https://video.example.org/watch/10",
        language="en",
    )

    assert material.url == "https://video.example.org/watch/10"
    assert material.position == 0


def test_slides_are_stored_under_a_generated_name(
    dialogue: Dialogue, facilitator: Member, tmp_path: Path
) -> None:
    slides = add_material(
        facilitator,
        dialogue,
        kind=MaterialKind.SLIDES,
        title="Slides of Lucy Ferguson",
        upload=pdf_upload("Ferguson — diapositivas.pdf"),
    )

    assert slides.file_name == "Ferguson — diapositivas.pdf"
    assert slides.file_size == len(PDF_BYTES)
    assert "Ferguson" not in slides.file.name
    assert (tmp_path / slides.file.name).read_bytes() == PDF_BYTES


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://example.org/a.pdf",
        "not a link",
        "http://[x",
    ],
)
def test_only_web_links_are_accepted(dialogue: Dialogue, facilitator: Member, url: str) -> None:
    with pytest.raises(ValidationError) as caught:
        add_material(facilitator, dialogue, kind=MaterialKind.LINK, title="A link", url=url)

    assert "url" in caught.value.message_dict
    assert not DialogueMaterial.objects.exists()


def test_a_program_renamed_pdf_is_refused(dialogue: Dialogue, facilitator: Member) -> None:
    fake = SimpleUploadedFile("slides.pdf", b"MZ\x90\x00 a Windows program", "application/pdf")

    with pytest.raises(ValidationError) as caught:
        add_material(facilitator, dialogue, kind=MaterialKind.SLIDES, title="Slides", upload=fake)

    assert "upload" in caught.value.message_dict
    assert not DialogueMaterial.objects.exists()


def test_a_material_needs_a_link_or_a_file_not_both(
    dialogue: Dialogue, facilitator: Member
) -> None:
    with pytest.raises(ValidationError, match="either a link or a file"):
        add_material(facilitator, dialogue, kind=MaterialKind.LINK, title="Nothing")
    with pytest.raises(ValidationError, match="either a link or a file"):
        add_material(
            facilitator,
            dialogue,
            kind=MaterialKind.DOCUMENT,
            title="Both",
            url="https://example.org/",
            upload=pdf_upload(),
        )
    assert not DialogueMaterial.objects.exists()


def test_members_cannot_add_or_remove_materials(
    dialogue: Dialogue, facilitator: Member, member: Member
) -> None:
    material = add_material(
        facilitator, dialogue, kind=MaterialKind.LINK, title="Link", url="https://example.org/"
    )

    with pytest.raises(PermissionDenied):
        add_material(member, dialogue, kind=MaterialKind.LINK, title="Mine", url="https://x.org/")
    with pytest.raises(PermissionDenied):
        remove_material(member, material)
    assert DialogueMaterial.objects.count() == 1


def test_the_materials_page_adds_a_file_and_the_dialogue_page_serves_it(
    dialogue: Dialogue, facilitator_client: Client, client: Client
) -> None:
    response = facilitator_client.post(
        f"/dialogues/{dialogue.number}/materials/",
        {"kind": "document", "title": "Concept note in Spanish", "upload": pdf_upload("Nota.pdf")},
    )
    material = DialogueMaterial.objects.get()
    download = client.get(f"/dialogues/{dialogue.number}/materials/{material.pk}/file/")

    assert response.status_code == 302
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "Nota.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]


def test_the_materials_page_puts_a_bad_link_at_its_field(
    dialogue: Dialogue, facilitator_client: Client
) -> None:
    response = facilitator_client.post(
        f"/dialogues/{dialogue.number}/materials/",
        {"kind": "link", "title": "Bad", "url": "javascript:alert(1)"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_url_error"' in page
    assert 'aria-describedby="id_url_helptext id_url_error"' in page
    assert not DialogueMaterial.objects.exists()


def test_members_cannot_open_the_materials_page(dialogue: Dialogue, member_client: Client) -> None:
    assert member_client.get(f"/dialogues/{dialogue.number}/materials/").status_code == 403
