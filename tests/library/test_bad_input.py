"""Bad input gets a clear message at its field, and nothing is saved (rows or files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.library.models import Resource
from tertulia.library.services.resources import submit_resource
from tests.images import decompression_bomb, png
from tests.library.conftest import form_data, page_text
from tests.library.factories import PDF

pytestmark = pytest.mark.django_db


def submit(client: Client, **overrides: object) -> str:
    response = client.post("/resources/submit/", form_data(**overrides))
    assert response.status_code == 200
    return page_text(response)


def assert_nothing_saved(tmp_path: Path) -> None:
    assert not Resource.objects.exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "file:///etc/passwd"],
)
def test_links_other_than_http_are_refused(url: str, member_client: Client, tmp_path: Path) -> None:
    body = submit(member_client, url=url)

    scheme = url.split(":")[0].lower()
    assert f"a “{scheme}:” link would not open safely" in body
    assert 'id="id_url_error"' in body
    assert 'aria-describedby="id_url_helptext id_url_error"' in body
    assert_nothing_saved(tmp_path)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("www.example.org/manual", "Give the full address, starting with https://"),
        ("https://", "This is not a web address we can open"),
        ("https://exa mple.org", "This is not a web address we can open"),
        ("http://[x", "This is not a web address we can open"),
        ("https://example.org/" + "a" * 600, "the limit is 500"),
    ],
)
def test_malformed_links_are_refused(
    url: str, message: str, member_client: Client, tmp_path: Path
) -> None:
    assert message in submit(member_client, url=url)
    assert_nothing_saved(tmp_path)


def test_a_file_and_a_link_at_once_are_refused(member_client: Client, tmp_path: Path) -> None:
    body = submit(member_client, file=SimpleUploadedFile("Manual.pdf", PDF))
    assert "Give either a file or a link, not both" in body
    assert_nothing_saved(tmp_path)


def test_neither_file_nor_link_is_refused(member_client: Client, tmp_path: Path) -> None:
    body = submit(member_client, url="")
    assert "Upload the resource as a file, or give a link" in body
    assert 'id="id_file_error"' in body
    assert_nothing_saved(tmp_path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("Manual.docx", PDF, "This file is a PDF document, but its name ends in “.docx”"),
        ("Manual.pdf", b"Just some plain words.\n", "This file contains plain text"),
        ("photo.jpg", PDF, "its content is not a picture"),
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "We cannot accept this kind"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_file_whose_content_does_not_match_its_name_is_refused(
    name: str, content: bytes, message: str, member_client: Client, tmp_path: Path
) -> None:
    body = submit(member_client, url="", file=SimpleUploadedFile(name, content))
    assert message in body
    assert_nothing_saved(tmp_path)


def test_a_decompression_bomb_cover_is_refused(member_client: Client, tmp_path: Path) -> None:
    body = submit(member_client, cover=SimpleUploadedFile("cover.png", decompression_bomb()))
    assert "This image is too large in pixels" in body
    assert 'id="id_cover_error"' in body
    assert_nothing_saved(tmp_path)


def test_a_cover_that_is_not_a_picture_is_refused(member_client: Client, tmp_path: Path) -> None:
    body = submit(member_client, cover=SimpleUploadedFile("cover.png", PDF))
    assert "This file is not an image we can read" in body
    assert_nothing_saved(tmp_path)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "   "}, "title", "Give the resource a title."),
        ({"title": "x" * 201}, "title", "Keep this under 200 characters"),
        ({"title": "Manual\u202egpj.exe"}, "title", "text-direction"),
        ({"kind": "brochure"}, "kind", "Select a valid choice"),
        ({"kind": ""}, "kind", "Choose the type of resource."),
        ({"year": "1066"}, "year", "Give a year between 1900 and"),
        ({"year": "soon"}, "year", "Give the year as four digits"),
        ({"other_languages": "xx, klingon"}, "other_languages", "is not a language code"),
        ({"description": "d" * 20_001}, "description", "at most 20,000 characters"),
    ],
)
def test_bad_fields_are_explained_at_the_field(
    overrides: dict[str, object], field: str, message: str, member_client: Client, tmp_path: Path
) -> None:
    body = submit(member_client, **overrides)
    assert message in body
    assert f'id="id_{field}_error"' in body
    assert_nothing_saved(tmp_path)


def test_every_problem_is_reported_at_once(member: Member, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        submit_resource(
            member,
            title="",
            kind="manual",
            url="javascript:void(0)",
            year=3000,
            cover=SimpleUploadedFile("c.png", decompression_bomb()),
        )
    assert set(caught.value.message_dict) >= {"title", "url", "year", "cover"}
    assert_nothing_saved(tmp_path)


def test_a_good_cover_next_to_a_bad_field_is_not_stored(
    member_client: Client, tmp_path: Path
) -> None:
    submit(member_client, title="", cover=SimpleUploadedFile("c.png", png()))
    assert_nothing_saved(tmp_path)
