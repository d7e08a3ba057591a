"""Downloading attachments: the right headers, and only for those who may read the post."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, Attachment, ForumKind, Post
from tertulia.forums.services.attachments import attach_uploads, validate_upload
from tertulia.forums.views.attachments import content_disposition
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.images import jpeg_with_gps, upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def attach(post: Post, name: str, content: bytes) -> Attachment:
    [attachment] = attach_uploads(
        post.author, post, [validate_upload(upload(name, content))], ["A workshop photo"]
    )
    return attachment


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_a_picture_is_served_inline_with_its_unicode_name(client: Client) -> None:
    post = make_thread().posts.get()
    attachment = attach(post, "Atelier à Brazzaville.jpg", jpeg_with_gps())

    response = client.get(f"/forums/attachments/{attachment.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        'inline; filename="Atelier a Brazzaville.jpg"; '
        f"filename*=UTF-8''{quote('Atelier à Brazzaville.jpg', safe='')}"
    )
    assert "private" in response["Cache-Control"]
    assert "max-age=2592000" in response["Cache-Control"]
    assert body(response) == Path(attachment.file.path).read_bytes()


def test_a_thumbnail_is_served_as_webp(client: Client) -> None:
    attachment = attach(make_thread().posts.get(), "photo.jpg", jpeg_with_gps())

    response = client.get(f"/forums/attachments/{attachment.pk}/thumb/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert body(response)[8:12] == b"WEBP"


def test_a_document_is_served_as_a_download(client: Client) -> None:
    attachment = attach(make_thread().posts.get(), "Informe 2017.pdf", PDF)

    response = client.get(f"/forums/attachments/{attachment.pk}/")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="Informe 2017.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/forums/attachments/{attachment.pk}/thumb/").status_code == 404


def test_a_name_of_only_non_latin_letters_gets_an_ascii_fallback() -> None:
    header = content_disposition("attachment", "栄祥.pdf")

    assert header == (
        "attachment; filename=\"attachment.pdf\"; filename*=UTF-8''%E6%A0%84%E7%A5%A5.pdf"
    )
    assert content_disposition("inline", 'a"b;c.jpg').startswith('inline; filename="a_b_c.jpg";')
    assert content_disposition("inline", "栄祥").startswith('inline; filename="attachment";')


def test_a_visitor_cannot_download_from_a_members_only_forum(
    client: Client, member_client: Client
) -> None:
    forum = make_forum(title="Members", read_access=Access.MEMBERS)
    attachment = attach(make_thread(forum=forum).posts.get(), "n.pdf", PDF)

    assert client.get(f"/forums/attachments/{attachment.pk}/").status_code == 403
    assert client.get(f"/forums/attachments/{attachment.pk}/thumb/").status_code in {403, 404}
    assert member_client.get(f"/forums/attachments/{attachment.pk}/").status_code == 200


def test_members_cannot_download_from_a_facilitators_forum(
    member_client: Client, facilitator_client: Client
) -> None:
    forum = make_forum(title="Facilitators", read_access=Access.FACILITATORS)
    attachment = attach(make_thread(forum=forum).posts.get(), "n.pdf", PDF)

    assert member_client.get(f"/forums/attachments/{attachment.pk}/").status_code == 403
    assert facilitator_client.get(f"/forums/attachments/{attachment.pk}/").status_code == 200


def test_only_facilitators_download_from_a_hidden_post(
    client: Client, member_client: Client, facilitator_client: Client
) -> None:
    author = make_member()
    thread = make_thread(author=author)
    reply = add_post(thread=thread, author=author)
    attachment = attach(reply, "photo.jpg", jpeg_with_gps())
    Post.objects.filter(pk=reply.pk).update(is_hidden=True, hidden_at=timezone.now())
    author_client = Client()
    author_client.force_login(author)
    url = f"/forums/attachments/{attachment.pk}/"

    assert client.get(url).status_code == 404
    assert member_client.get(url).status_code == 404
    assert author_client.get(url).status_code == 404
    assert member_client.get(url + "thumb/").status_code == 404
    assert facilitator_client.get(url).status_code == 200


def test_a_hidden_thread_hides_its_files(member_client: Client) -> None:
    thread = make_thread(is_hidden=True)
    attachment = attach(thread.posts.get(), "n.pdf", PDF)

    assert member_client.get(f"/forums/attachments/{attachment.pk}/").status_code == 404


def test_a_post_waiting_for_approval_shows_its_files_to_its_author_only(
    member: Member, member_client: Client
) -> None:
    thread = make_thread()
    waiting = add_post(thread=thread, author=member, is_approved=False)
    attachment = attach(waiting, "n.pdf", PDF)
    other = Client()
    other.force_login(make_member())

    assert member_client.get(f"/forums/attachments/{attachment.pk}/").status_code == 200
    assert other.get(f"/forums/attachments/{attachment.pk}/").status_code == 404


def test_a_q_and_a_reply_file_waits_until_the_member_has_answered(
    member: Member, member_client: Client
) -> None:
    forum = make_forum(title="Questions", kind=ForumKind.QUESTION_AND_ANSWER)
    thread = make_thread(forum=forum)
    answer = add_post(thread=thread)
    attachment = attach(answer, "answer.pdf", PDF)
    url = f"/forums/attachments/{attachment.pk}/"

    assert member_client.get(url).status_code == 404
    add_post(thread=thread, author=member)
    assert member_client.get(url).status_code == 200


def test_an_unknown_attachment_is_404(client: Client) -> None:
    assert client.get("/forums/attachments/999999/").status_code == 404


def test_a_missing_stored_file_is_404_not_500(client: Client) -> None:
    attachment = attach(make_thread().posts.get(), "n.pdf", PDF)
    Path(attachment.file.path).unlink()

    assert client.get(f"/forums/attachments/{attachment.pk}/").status_code == 404


def test_downloads_accept_only_get(client: Client) -> None:
    attachment = attach(make_thread().posts.get(), "n.pdf", PDF)

    assert client.post(f"/forums/attachments/{attachment.pk}/").status_code == 405
