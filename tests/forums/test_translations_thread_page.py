"""The cached thread page shows a new, changed or deleted translation at once (each
raises the thread's revision in its own transaction), and a page of translated posts
costs the same queries whether 2 or 10 of its posts were translated."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.forums.models import Post, PostTranslation, Thread
from tertulia.forums.services.translations import (
    add_post_translation,
    delete_post_translation,
    edit_post_translation,
)
from tests.factories import add_post, make_member, make_thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["visitor", "member"])
def browser(request: pytest.FixtureRequest, client: Client, member_client: Client) -> Client:
    return client if request.param == "visitor" else member_client


def opening(thread: Thread) -> Post:
    return Post.objects.get(thread=thread, position=1)


def test_a_translation_added_through_the_page_shows_on_the_cached_thread_page(
    member_client: Client, browser: Client, thread: Thread
) -> None:
    url = f"/forums/t/{thread.pk}/"
    assert "Read in:" not in page_text(browser.get(url))  # now cached
    revision = thread.revision

    member_client.post(
        f"/forums/p/{opening(thread).pk}/translations/new/",
        {"language": "fr", "body": "Je commence par un tour de noms."},
    )

    thread.refresh_from_db()
    assert thread.revision == revision + 1
    page = page_text(browser.get(url))
    assert "Read in:" in page
    assert "Français</a> (member's translation)" in page


def test_a_deleted_translation_leaves_the_cached_page_at_once(
    member: Member, browser: Client, thread: Thread
) -> None:
    translation = add_post_translation(member, opening(thread), language="es", body="Hola.")
    url = f"/forums/t/{thread.pk}/"
    assert "Español</a>" in page_text(browser.get(url))

    delete_post_translation(member, translation)

    assert "Read in:" not in page_text(browser.get(url))


def test_an_edited_translation_shows_at_once_and_raises_the_revision(
    member: Member, client: Client, thread: Thread
) -> None:
    translation = add_post_translation(member, opening(thread), language="es", body="Hola.")
    translations_page = f"/forums/p/{opening(thread).pk}/translations/?lang=es"
    client.get(f"/forums/t/{thread.pk}/")
    thread.refresh_from_db()
    revision = thread.revision

    edit_post_translation(member, translation, body="Hola a todas.")

    thread.refresh_from_db()
    assert thread.revision == revision + 1
    assert "Hola a todas." in page_text(client.get(translations_page))


def queries(browser: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(url).status_code == 200
    return len(captured)


def first_and_cached(browser: Client, url: str) -> tuple[int, int]:
    first = queries(browser, url)
    browser.get(url)
    return first, queries(browser, url)


def thread_with_translations(translated: int) -> Thread:
    thread = make_thread(title=f"{translated} translated", body="The opening post.")
    for number in range(2, 13):
        add_post(thread=thread, author=make_member(), body=f"Reply {number}")
    translator = make_member()
    for post in Post.objects.filter(thread=thread).order_by("position")[:translated]:
        for language in ("es", "fr"):
            add_post_translation(translator, post, language=language, body=f"Texte {post.pk}")
    return thread


def test_the_thread_page_costs_the_same_for_2_and_10_translated_posts(
    browser: Client,
) -> None:
    SiteSettings.current()  # read once per process, as on a running site
    untranslated = make_thread(title="Untranslated")
    for number in range(2, 13):
        add_post(thread=untranslated, author=make_member(), body=f"Reply {number}")
    plain = first_and_cached(browser, f"/forums/t/{untranslated.pk}/")

    counts = [
        first_and_cached(browser, f"/forums/t/{thread_with_translations(size).pk}/")
        for size in (2, 10)
    ]

    assert counts[0] == counts[1]
    # Rendering the posts reads the languages of their translations in one query;
    # from the cache, translations cost nothing.
    assert counts[0] == (plain[0] + 1, plain[1])
    assert PostTranslation.objects.count() == 24


def test_every_translated_post_on_the_page_shows_its_switch(client: Client) -> None:
    thread = thread_with_translations(10)

    page = page_text(client.get(f"/forums/t/{thread.pk}/"))

    assert page.count("Read in:") == 10
    assert page.count("(member's translation)") == 20


@pytest.mark.parametrize("count", [1, 4])
def test_the_translations_page_query_count_does_not_grow(
    client: Client, thread: Thread, count: int, django_assert_num_queries: Any
) -> None:
    SiteSettings.current()
    post = opening(thread)
    for language in ("es", "fr", "pt", "ar")[:count]:
        add_post_translation(make_member(), post, language=language, body="Texte.")

    # the post with its thread, forum and author; its translations with their translators
    with django_assert_num_queries(2):
        response = client.get(f"/forums/p/{post.pk}/translations/?lang=es")

    assert page_text(response).count("(member's translation)") == count
