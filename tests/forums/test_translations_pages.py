"""A member translates a post through the pages, with JavaScript off: the post then shows
a language switch, and the translation reads as a member's translation, named and marked
with its language. Its translator and the facilitators change or delete it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Post, PostTranslation, Thread
from tertulia.forums.services.translations import add_post_translation
from tests.factories import add_post, make_facilitator, make_member
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db

SPANISH = "Empiezo con una ronda de nombres. ¿Qué hacen ustedes?"


def opening(thread: Thread) -> Post:
    return Post.objects.get(thread=thread, position=1)


def translations_url(post: Post, language: str = "") -> str:
    url = f"/forums/p/{post.pk}/translations/"
    return f"{url}?lang={language}" if language else url


def shown_text(html: str, language: str) -> str:
    """The text of the post body marked as written in `language`."""
    found = re.search(
        rf'<(div|blockquote) class="post-body prose" lang="{language}">(.*?)</\1>', html, re.DOTALL
    )
    assert found is not None, f"no post text in {language}"
    return found[2]


def test_a_member_adds_a_translation_and_reads_it(
    member_client: Client, member: Member, thread: Thread
) -> None:
    post = opening(thread)
    form = page_text(member_client.get(f"/forums/p/{post.pk}/translations/new/"))
    assert 'name="language"' in form
    assert '<option value="es">' in form
    assert '<option value="en">' not in form  # the post is written in English

    response = member_client.post(
        f"/forums/p/{post.pk}/translations/new/", {"language": "es", "body": SPANISH}
    )

    assert response.status_code == 302
    assert response["Location"] == translations_url(post, "es")
    page = page_text(member_client.get(response["Location"]))
    assert "your translation into Spanish is published" in page
    assert "¿Qué hacen ustedes?" in shown_text(page, "es")
    assert (
        f"A member's translation into Spanish, by {member.display_name}. "
        "The author's own words are in the original."
    ) in page
    translation = PostTranslation.objects.get(post=post)
    assert (translation.language, translation.translator) == ("es", member)


def test_the_post_shows_a_language_switch_to_every_reader(
    client: Client, member: Member, thread: Thread
) -> None:
    post = opening(thread)
    add_post_translation(member, post, language="es", body=SPANISH)

    page = page_text(client.get(f"/forums/t/{thread.pk}/"))

    switch = re.search(r'<nav class="post-languages meta".*?</nav>', page, re.DOTALL)
    assert switch is not None
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", switch[0])).strip()
    assert text == "Read in: English (original) · Español (member's translation)"
    assert f'href="{translations_url(post, "es")}"' in switch[0]
    assert 'hreflang="es" lang="es"' in switch[0]
    assert 'aria-current="true">English<' in switch[0]
    # The thread page keeps the original in place.
    assert "I start with a round of names." in shown_text(page, "en")


def test_the_switch_works_without_javascript_and_with_htmx(
    client: Client, member: Member, thread: Thread
) -> None:
    post = opening(thread)
    add_post_translation(member, post, language="es", body=SPANISH)

    full = page_text(client.get(translations_url(post, "es")))
    fragment = page_text(client.get(translations_url(post, "es"), HTTP_HX_REQUEST="true"))
    original = page_text(client.get(translations_url(post, "en"), HTTP_HX_REQUEST="true"))

    assert "<html" in full
    assert "¿Qué hacen ustedes?" in shown_text(full, "es")
    assert 'aria-current="true">Español<' in full
    assert "<html" not in fragment
    assert fragment.lstrip().startswith(f'<div class="post-text" id="post-{post.pk}-text">')
    assert "¿Qué hacen ustedes?" in shown_text(fragment, "es")
    assert "A member's translation into Spanish" in fragment
    assert "I start with a round of names." in shown_text(original, "en")
    assert 'aria-current="true">English<' in original


def test_asking_for_a_language_nobody_translated_into_shows_the_original(
    client: Client, thread: Thread
) -> None:
    post = opening(thread)

    page = page_text(client.get(translations_url(post, "fr")))

    assert "No member has translated this post into French yet." in page
    assert "I start with a round of names." in shown_text(page, "en")


def test_the_translation_is_markdown_rendered_and_sanitised(
    member_client: Client, thread: Thread
) -> None:
    post = opening(thread)
    body = "Empiezo con **una ronda** de nombres.\n\n<script>alert(1)</script>"

    member_client.post(f"/forums/p/{post.pk}/translations/new/", {"language": "es", "body": body})

    translation = PostTranslation.objects.get(post=post)
    assert "<strong>una ronda</strong>" in translation.body_html
    assert "<script" not in translation.body_html
    assert translation.body == body


def test_the_translator_edits_their_translation(
    member_client: Client, member: Member, thread: Thread
) -> None:
    post = opening(thread)
    add_post_translation(member, post, language="es", body="Empiezo con nombres.")
    edit_url = f"/forums/p/{post.pk}/translations/es/edit/"
    assert 'lang="es"' in page_text(member_client.get(edit_url))  # the text box

    response = member_client.post(edit_url, {"body": SPANISH})

    assert response.status_code == 302
    page = page_text(member_client.get(response["Location"]))
    assert "¿Qué hacen ustedes?" in shown_text(page, "es")
    assert "(edited" in page
    assert PostTranslation.objects.get(post=post).edited_at is not None


def test_the_translator_deletes_their_translation(
    member_client: Client, member: Member, thread: Thread
) -> None:
    post = opening(thread)
    add_post_translation(member, post, language="es", body=SPANISH)
    delete_url = f"/forums/p/{post.pk}/translations/es/delete/"
    confirm = page_text(member_client.get(delete_url))
    assert "Delete the translation into Spanish?" in confirm
    assert "¿Qué hacen ustedes?" in shown_text(confirm, "es")

    response = member_client.post(delete_url, {"confirm": "1"})

    assert response.status_code == 302
    assert not PostTranslation.objects.filter(post=post).exists()
    assert "Read in:" not in page_text(member_client.get(f"/forums/t/{thread.pk}/"))


def test_a_facilitator_edits_and_deletes_a_members_translation(
    member: Member, thread: Thread
) -> None:
    post = opening(thread)
    add_post_translation(member, post, language="es", body="Texto ofensivo.")
    browser = client_for(make_facilitator())
    page = page_text(browser.get(translations_url(post, "es")))
    assert f'href="/forums/p/{post.pk}/translations/es/edit/"' in page

    browser.post(f"/forums/p/{post.pk}/translations/es/edit/", {"body": SPANISH})
    assert PostTranslation.objects.get(post=post).body == SPANISH
    browser.post(f"/forums/p/{post.pk}/translations/es/delete/", {"confirm": "1"})

    assert not PostTranslation.objects.filter(post=post).exists()


def test_a_reply_can_be_translated_into_several_languages(
    member_client: Client, thread: Thread
) -> None:
    reply = add_post(thread=thread, author=make_member(), body="Names first.")
    for language, body in (("fr", "Les noms d'abord."), ("es", "Primero los nombres.")):
        member_client.post(
            f"/forums/p/{reply.pk}/translations/new/", {"language": language, "body": body}
        )

    page = page_text(member_client.get(translations_url(reply, "fr")))

    assert "Les noms d" in shown_text(page, "fr")
    assert list(PostTranslation.objects.filter(post=reply).values_list("language", flat=True)) == [
        "es",
        "fr",
    ]
