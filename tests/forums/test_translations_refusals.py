"""Bad translations are refused with a clear message at the field, and nothing is saved:
the post's own language, a language the community does not use, no text, too much text,
a second translation into one language, and posts that are hidden or not yet approved."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import POST_BODY_MAX, Post, PostTranslation, Thread
from tertulia.forums.services.moderation_posts import hide_post
from tertulia.forums.services.translations import add_post_translation
from tests.factories import add_post, make_facilitator
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


def opening(thread: Thread) -> Post:
    return Post.objects.get(thread=thread, position=1)


def send(browser: Client, post: Post, **data: str) -> tuple[int, str]:
    response = browser.post(f"/forums/p/{post.pk}/translations/new/", data)
    return response.status_code, page_text(response)


def assert_at_field(page: str, field: str, message: str) -> None:
    """The message is in the field's error list, which the field points to."""
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}</li></ul>' in page
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error"[^>]*id="id_{field}"', page)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "This post is already written in English: choose another language. If the post "
            "is in fact written in another language, its author or a facilitator can "
            "correct that.",
        ),
        ("de", "“de” is not one of the languages of this community."),
        ("xx-nonsense", "“xx-nonsense” is not one of the languages of this community."),
        ("", "Choose a language."),
    ],
)
def test_a_wrong_language_is_refused(
    member_client: Client, thread: Thread, language: str, message: str
) -> None:
    status, page = send(member_client, opening(thread), language=language, body="Hola a todas.")

    assert status == 200
    assert_at_field(page, "language", message)
    assert "Your translation is not saved yet." in page
    assert "Hola a todas." in page  # what was typed comes back
    assert not PostTranslation.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n\n  "])
def test_an_empty_translation_is_refused(member_client: Client, thread: Thread, body: str) -> None:
    status, page = send(member_client, opening(thread), language="es", body=body)

    assert status == 200
    assert_at_field(page, "body", "Write the translation before saving it.")
    assert not PostTranslation.objects.exists()


def test_a_translation_longer_than_a_post_is_refused(member_client: Client, thread: Thread) -> None:
    status, page = send(member_client, opening(thread), language="es", body="a" * 50_001)

    assert status == 200
    assert_at_field(
        page,
        "body",
        "Your translation is 50,001 characters long; a translation can hold 50,000, as a post can.",
    )
    assert POST_BODY_MAX == 50_000
    assert not PostTranslation.objects.exists()


def test_an_empty_edit_is_refused_and_the_translation_kept(
    member: Member, member_client: Client, thread: Thread
) -> None:
    post = opening(thread)
    add_post_translation(member, post, language="es", body="Hola.")

    response = member_client.post(f"/forums/p/{post.pk}/translations/es/edit/", {"body": " "})

    assert_at_field(page_text(response), "body", "Write the translation before saving it.")
    assert PostTranslation.objects.get(post=post).body == "Hola."


def test_a_second_translation_into_the_same_language_is_refused(
    member: Member, member_client: Client, thread: Thread
) -> None:
    post = opening(thread)
    add_post_translation(member, post, language="es", body="La primera.")
    second = client_for(make_facilitator())

    form = page_text(second.get(f"/forums/p/{post.pk}/translations/new/"))
    status, page = send(second, post, language="es", body="La segunda.")

    assert '<option value="es">' not in form
    assert status == 200
    assert_at_field(
        page,
        "language",
        "This post already has a translation into Spanish. Read it, and ask its translator "
        "or a facilitator if something in it needs changing.",
    )
    assert list(PostTranslation.objects.values_list("body", flat=True)) == ["La primera."]


def test_a_hidden_post_cannot_be_translated(member_client: Client, thread: Thread) -> None:
    reply = add_post(thread=thread, body="Something rude.")
    facilitator = make_facilitator()
    hide_post(facilitator, reply, reason="Rude")

    form = member_client.get(f"/forums/p/{reply.pk}/translations/new/")
    status, _page = send(member_client, reply, language="es", body="Algo grosero.")
    refused = client_for(facilitator).post(
        f"/forums/p/{reply.pk}/translations/new/", {"language": "es", "body": "Algo grosero."}
    )

    assert form.status_code == status == 404
    assert refused.status_code == 403
    assert "This post is hidden; it cannot be translated." in page_text(refused)
    assert not PostTranslation.objects.exists()


def test_a_post_hidden_after_translating_no_longer_shows_its_translations(
    client: Client, member: Member, thread: Thread
) -> None:
    reply = add_post(thread=thread, body="A reply.")
    add_post_translation(member, reply, language="es", body="Una respuesta.")
    hide_post(make_facilitator(), reply, reason="Off topic")

    reading = client.get(f"/forums/p/{reply.pk}/translations/?lang=es")
    thread_page = page_text(client.get(f"/forums/t/{thread.pk}/"))

    assert reading.status_code == 404
    assert "Una respuesta." not in thread_page
    assert f"/forums/p/{reply.pk}/translations/" not in thread_page


def test_a_post_waiting_for_approval_cannot_be_translated_yet(
    member: Member, thread: Thread
) -> None:
    waiting = add_post(thread=thread, author=member, body="My first post.", is_approved=False)

    status, page = send(client_for(member), waiting, language="es", body="Mi primer mensaje.")

    assert status == 403
    assert "This post is waiting for approval; it can be translated once it is published." in page
    assert not PostTranslation.objects.exists()


def test_a_locked_thread_can_still_be_translated(member_client: Client, thread: Thread) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    status, _page = send(member_client, opening(thread), language="fr", body="Un tour de noms.")

    assert status == 302
    assert PostTranslation.objects.filter(language="fr").exists()
