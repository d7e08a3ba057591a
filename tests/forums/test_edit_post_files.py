"""Adding files to a post while editing it: checked as on a reply, up to the limit a post."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tertulia.accounts.models import Member
from tertulia.forums.models import Attachment, Post, PostRevision, Thread
from tertulia.forums.services.attachments import MAX_ATTACHMENTS_PER_POST
from tests.factories import add_post, make_member
from tests.forums.conftest import client_for, page_text
from tests.images import GPS_IFD, jpeg_with_gps, png

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def own_post(member: Member, thread: Thread) -> Post:
    return add_post(thread=thread, author=member, body="Our workshop room")


def edit_url(post: Post) -> str:
    return f"/forums/p/{post.pk}/edit/"


def test_the_edit_page_offers_file_boxes(member_client: Client, own_post: Post) -> None:
    body = page_text(member_client.get(edit_url(own_post)))

    assert 'enctype="multipart/form-data"' in body
    assert 'name="file_1"' in body
    assert 'name="alt_1"' in body


def test_an_edit_adds_a_described_picture_and_a_document(
    member_client: Client, own_post: Post
) -> None:
    photo = SimpleUploadedFile("Taller en Dakar.jpg", jpeg_with_gps(), "image/jpeg")
    document = SimpleUploadedFile("agenda.pdf", PDF, "application/pdf")

    response = member_client.post(
        edit_url(own_post),
        {
            "body": "Our workshop room, with pictures",
            "file_1": photo,
            "alt_1": "Chairs in a circle",
            "file_2": document,
        },
    )

    assert response.status_code == 302
    pictures = Attachment.objects.filter(post=own_post, kind="image")
    documents = Attachment.objects.filter(post=own_post, kind="document")
    assert [a.alt_text for a in pictures] == ["Chairs in a circle"]
    assert [a.original_name for a in documents] == ["agenda.pdf"]
    assert not Image.open(pictures[0].file.path).getexif().get_ifd(GPS_IFD)
    thread_page = page_text(member_client.get(f"/forums/t/{own_post.thread_id}/"))
    assert 'alt="Chairs in a circle"' in thread_page
    assert "agenda.pdf" in thread_page
    assert "with pictures" in thread_page


def test_files_alone_mark_the_post_edited_without_a_text_revision(
    member_client: Client, own_post: Post
) -> None:
    document = SimpleUploadedFile("agenda.pdf", PDF, "application/pdf")

    member_client.post(edit_url(own_post), {"body": own_post.body, "file_1": document})

    own_post.refresh_from_db()
    assert own_post.edited_at is not None
    assert Attachment.objects.filter(post=own_post).count() == 1
    assert not PostRevision.objects.exists()


def test_a_picture_without_a_description_is_refused_and_nothing_is_saved(
    member_client: Client, own_post: Post
) -> None:
    photo = SimpleUploadedFile("room.png", png(), "image/png")

    response = member_client.post(edit_url(own_post), {"body": "Changed", "file_1": photo})

    assert "Describe the picture “room.png”" in page_text(response)
    own_post.refresh_from_db()
    assert own_post.body == "Our workshop room"
    assert not Attachment.objects.exists()


def test_past_the_limit_a_post_gets_no_more_files_and_keeps_its_text(
    member: Member, member_client: Client, own_post: Post
) -> None:
    Attachment.objects.bulk_create(
        Attachment(
            post=own_post,
            uploader=member,
            kind="document",
            file=f"attachments/old-{number}.pdf",
            original_name=f"old-{number}.pdf",
            content_type="application/pdf",
            size=len(PDF),
        )
        for number in range(MAX_ATTACHMENTS_PER_POST)
    )
    document = SimpleUploadedFile("one-more.pdf", PDF, "application/pdf")

    response = member_client.post(edit_url(own_post), {"body": "Changed", "file_1": document})

    assert f"A post can carry at most {MAX_ATTACHMENTS_PER_POST} files." in page_text(response)
    own_post.refresh_from_db()
    assert own_post.body == "Our workshop room"
    assert Attachment.objects.filter(post=own_post).count() == MAX_ATTACHMENTS_PER_POST


def test_nobody_else_adds_files_to_a_post(own_post: Post) -> None:
    document = SimpleUploadedFile("agenda.pdf", PDF, "application/pdf")

    response = client_for(make_member()).post(
        edit_url(own_post), {"body": own_post.body, "file_1": document}
    )

    assert response.status_code == 403
    assert not Attachment.objects.exists()
