"""A post's author and the facilitators correct the language it is said to be written in
(short texts are often detected wrongly); for an opening post, the thread's language too,
so the forum's language filter finds it."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Post, Thread
from tertulia.forums.services.translations import add_post_translation
from tests.factories import add_post, make_facilitator, make_member
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


def opening(thread: Thread) -> Post:
    return Post.objects.get(thread=thread, position=1)


def test_the_author_corrects_the_language_of_an_opening_post(
    other_member: Member, thread: Thread
) -> None:
    author = client_for(other_member)  # who started the thread
    post = opening(thread)
    page = page_text(author.get(f"/forums/p/{post.pk}/translations/"))
    assert f'action="/forums/p/{post.pk}/language/"' in page

    response = author.post(f"/forums/p/{post.pk}/language/", {"language": "es"})

    assert response.status_code == 302
    assert "now marked as written in Spanish" in page_text(author.get(response["Location"]))
    thread.refresh_from_db()
    assert (opening(thread).language, thread.language) == ("es", "es")
    forum_page = page_text(author.get("/forums/general/?language=es"))
    assert "How do you open a workshop?" in forum_page
    # Now English is a language the post can be translated into.
    assert '<option value="en">' in page_text(author.get(f"/forums/p/{post.pk}/translations/new/"))


def test_another_member_cannot_change_the_language(member_client: Client, thread: Thread) -> None:
    post = opening(thread)
    page = page_text(member_client.get(f"/forums/p/{post.pk}/translations/"))
    assert f'action="/forums/p/{post.pk}/language/"' not in page

    response = member_client.post(f"/forums/p/{post.pk}/language/", {"language": "fr"})

    assert response.status_code == 403
    assert opening(thread).language == "en"


def test_a_facilitator_corrects_a_reply_without_touching_the_thread(thread: Thread) -> None:
    reply = add_post(thread=thread, author=make_member(), body="¡Gracias!")

    client_for(make_facilitator()).post(f"/forums/p/{reply.pk}/language/", {"language": "es"})

    reply.refresh_from_db()
    thread.refresh_from_db()
    assert (reply.language, thread.language) == ("es", "en")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("de", "“de” is not one of the languages of this community."),
        (
            "es",
            "There is a member&#x27;s translation of this post into Spanish. Delete it first "
            "if the post itself is written in Spanish.",
        ),
    ],
)
def test_a_wrong_language_is_refused_at_the_field(
    member: Member, other_member: Member, thread: Thread, language: str, message: str
) -> None:
    post = opening(thread)
    add_post_translation(member, post, language="es", body="Hola.")

    response = client_for(other_member).post(
        f"/forums/p/{post.pk}/language/", {"language": language}
    )

    assert response.status_code == 400
    page = page_text(response)
    assert f'<ul class="errorlist" id="id_language_error"><li>{message}</li></ul>' in page
    assert 'aria-describedby="id_language_error"' in page
    assert opening(thread).language == "en"
