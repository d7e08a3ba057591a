"""Editing a post, its author says which language it is written in, or has it detected
again from the changed text; an opening post's thread follows, so the forum's language
filter finds it."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Post, PostRevision, Thread
from tertulia.forums.services.translations import add_post_translation
from tests.factories import add_post
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db

SPANISH = "Empiezo siempre con una ronda de nombres y después pregunto qué esperan del taller."


def opening(thread: Thread) -> Post:
    return Post.objects.get(thread=thread, position=1)


@pytest.fixture
def own_post(member: Member, thread: Thread) -> Post:
    return add_post(thread=thread, author=member, body="First version of my answer, in English.")


def test_the_edit_form_shows_the_post_language_with_detection_offered(
    member_client: Client, own_post: Post
) -> None:
    page = page_text(member_client.get(f"/forums/p/{own_post.pk}/edit/"))

    assert '<label for="id_language">Language:</label>' in page
    assert '<option value="">Detect automatically</option>' in page
    assert '<option value="en" selected>English</option>' in page
    assert '<option value="es">Spanish</option>' in page


def test_a_chosen_language_is_kept_even_when_the_text_reads_otherwise(
    member_client: Client, own_post: Post
) -> None:
    response = member_client.post(
        f"/forums/p/{own_post.pk}/edit/", {"body": SPANISH, "language": "fr"}
    )

    assert response.status_code == 302
    own_post.refresh_from_db()
    assert (own_post.body, own_post.language) == (SPANISH, "fr")


def test_detect_automatically_finds_spanish_in_the_changed_text(
    member_client: Client, own_post: Post
) -> None:
    response = member_client.post(
        f"/forums/p/{own_post.pk}/edit/", {"body": SPANISH, "language": ""}
    )

    assert response.status_code == 302
    own_post.refresh_from_db()
    assert own_post.language == "es"


def test_only_the_language_changed_makes_no_revision_and_no_edited_mark(
    member_client: Client, own_post: Post, thread: Thread
) -> None:
    revision_before = Thread.objects.get(pk=thread.pk).revision

    response = member_client.post(
        f"/forums/p/{own_post.pk}/edit/", {"body": own_post.body, "language": "es"}
    )

    assert response.status_code == 302
    own_post.refresh_from_db()
    assert (own_post.language, own_post.edited_at) == ("es", None)
    assert not PostRevision.objects.exists()
    assert Thread.objects.get(pk=thread.pk).revision > revision_before


def test_the_thread_follows_its_opening_post_and_the_forum_list_shows_it(
    other_member: Member, thread: Thread, forum: Forum
) -> None:
    author = client_for(other_member)
    post = opening(thread)
    forum_revision = Forum.objects.get(pk=forum.pk).revision

    response = author.post(
        f"/forums/p/{post.pk}/edit/",
        {"title": thread.title, "body": SPANISH, "language": ""},
    )

    assert response.status_code == 302
    thread.refresh_from_db()
    assert (opening(thread).language, thread.language) == ("es", "es")
    assert Forum.objects.get(pk=forum.pk).revision > forum_revision
    assert "How do you open a workshop?" in page_text(author.get("/forums/general/?language=es"))


def test_a_reply_language_leaves_the_thread_alone(
    member_client: Client, own_post: Post, thread: Thread
) -> None:
    member_client.post(f"/forums/p/{own_post.pk}/edit/", {"body": SPANISH, "language": "es"})

    thread.refresh_from_db()
    assert thread.language == "en"


def test_an_unknown_language_is_refused_at_the_field(member_client: Client, own_post: Post) -> None:
    response = member_client.post(
        f"/forums/p/{own_post.pk}/edit/", {"body": SPANISH, "language": "de"}
    )

    assert response.status_code == 200
    page = page_text(response)
    assert '<ul class="errorlist" id="id_language_error">' in page
    assert "Select a valid choice. de is not one of the available choices." in page
    assert 'aria-describedby="id_language_helptext id_language_error"' in page
    own_post.refresh_from_db()
    assert (own_post.body, own_post.language) == ("First version of my answer, in English.", "en")


def test_a_language_the_post_is_translated_into_is_refused_at_the_field(
    member_client: Client, member: Member, own_post: Post, other_member: Member
) -> None:
    add_post_translation(other_member, own_post, language="es", body="Primera versión.")

    response = member_client.post(
        f"/forums/p/{own_post.pk}/edit/", {"body": SPANISH, "language": "es"}
    )

    assert response.status_code == 200
    page = page_text(response)
    assert '<ul class="errorlist" id="id_language_error"><li>There is a member&#x27;s' in page
    own_post.refresh_from_db()
    assert (own_post.body, own_post.language) == ("First version of my answer, in English.", "en")
    assert not PostRevision.objects.exists()


def test_detection_never_lands_on_a_language_the_post_is_translated_into(
    member_client: Client, own_post: Post, other_member: Member
) -> None:
    add_post_translation(other_member, own_post, language="es", body="Primera versión.")

    response = member_client.post(
        f"/forums/p/{own_post.pk}/edit/", {"body": SPANISH, "language": ""}
    )

    assert response.status_code == 302
    own_post.refresh_from_db()
    assert (own_post.body, own_post.language) == (SPANISH, "en")
    assert own_post.translations.filter(language="es").count() == 1
