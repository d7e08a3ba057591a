"""How a post's files show: pictures inline with their description, documents with type and size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from tertulia.forums.models import Post
from tertulia.forums.services.attachments import attach_uploads, validate_upload
from tests.factories import make_thread
from tests.forums.test_attachments_validation import docx_bytes
from tests.images import jpeg_with_gps, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def render(post: Post, *, can_moderate: bool = False) -> str:
    post = Post.objects.prefetch_related("attachments").get(pk=post.pk)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return render_to_string(
        "forums/_post_attachments.html",
        {"post": post, "thread": post.thread, "can_moderate": can_moderate, "user": request.user},
        request=request,
    )


def test_pictures_show_their_thumbnail_description_and_size_and_documents_their_type() -> None:
    post = make_thread().posts.get()
    uploads = [
        validate_upload(upload("Guía.docx", docx_bytes())),
        validate_upload(upload("20170913_102718.jpg", jpeg_with_gps(size=(1200, 900)))),
    ]
    document, photo = attach_uploads(post.author, post, uploads, ["", "Trainers in a circle"])

    html = render(post)

    assert f'href="/forums/attachments/{photo.pk}/"' in html
    assert f'src="/forums/attachments/{photo.pk}/thumb/"' in html
    assert 'alt="Trainers in a circle"' in html
    assert 'width="480" height="360"' in html
    assert "20170913_102718.jpg (1200 \u00d7 900 pixels," in html
    assert f'<a href="/forums/attachments/{document.pk}/" download>Guía.docx</a>' in html
    assert "(Word document," in html
    assert html.index("20170913_102718.jpg") < html.index("Guía.docx")  # pictures first


def test_a_hidden_posts_files_are_not_listed_except_for_facilitators() -> None:
    post = make_thread().posts.get()
    attach_uploads(post.author, post, [validate_upload(upload("n.pdf", b"%PDF-1.4\n"))], [])
    Post.objects.filter(pk=post.pk).update(is_hidden=True)

    assert "n.pdf" not in render(post)
    assert "n.pdf" in render(post, can_moderate=True)


def test_a_post_without_files_renders_nothing(django_assert_num_queries: Any) -> None:
    post = Post.objects.prefetch_related("attachments").get(pk=make_thread().posts.get().pk)

    with django_assert_num_queries(0):
        html = render_to_string(
            "forums/_post_attachments.html", {"post": post, "can_moderate": False}
        )

    assert html.strip() == ""
