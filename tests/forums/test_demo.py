"""The demo forums: what `tertulia demo-data` puts in the forums, and that it loads once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tertulia.forums.models import Access, Attachment, AttachmentKind, Forum, Post, Thread

pytestmark = pytest.mark.django_db


def run_demo_data() -> str:
    out = StringIO()
    call_command("demo_data", force=True, stdout=out)
    return out.getvalue()


def counts() -> tuple[int, int, int, int]:
    return (
        Forum.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
        Attachment.objects.count(),
    )


def test_demo_has_a_general_forum_in_three_languages_with_replies() -> None:
    run_demo_data()

    general = Forum.objects.get(title="General Discussion Forum")
    languages = set(Thread.objects.filter(forum=general).values_list("language", flat=True))
    assert {"en", "es", "fr"} <= languages
    for thread in Thread.objects.filter(forum=general):
        assert thread.reply_count >= 1, thread.title
        assert thread.last_post_id is not None
    assert general.thread_count == Thread.objects.filter(forum=general).count()
    assert general.post_count == Post.objects.filter(thread__forum=general).count()


def test_demo_welcome_thread_is_pinned_and_listed_first(client: Client) -> None:
    run_demo_data()

    welcome = Thread.objects.get(is_pinned=True)
    assert "Welcome" in welcome.title
    response = client.get(f"/forums/{welcome.forum.slug}/")
    body = response.content.decode()
    assert body.index(welcome.title) < body.index("Icebreakers that work across cultures")


def test_demo_announcements_are_written_by_facilitators_only() -> None:
    run_demo_data()

    announcements = Forum.objects.get(title="Announcements")
    assert announcements.write_access == Access.FACILITATORS
    assert Thread.objects.filter(forum=announcements).exists()


def test_demo_has_a_thread_with_an_image_attachment(client: Client) -> None:
    run_demo_data()

    image = Attachment.objects.get(kind=AttachmentKind.IMAGE)
    assert image.post is not None
    assert image.alt_text
    assert image.width
    assert image.height
    response = client.get(f"/forums/t/{image.post.thread_id}/")
    assert response.status_code == 200


def test_demo_quotes_and_replies_to_posts() -> None:
    run_demo_data()

    quoting = Post.objects.get(body__contains="wrote](/forums/p/")
    assert quoting.reply_to is not None
    assert "<blockquote>" in quoting.body_html


def test_demo_forums_load_once() -> None:
    run_demo_data()
    first = counts()

    output = run_demo_data()

    assert counts() == first
    assert "0 new threads" in output
