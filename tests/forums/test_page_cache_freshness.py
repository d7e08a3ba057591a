"""Cached forum pages show every change at once: each page is read once (and cached), the
change is made through its service, and the next read must show it."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.accounts.services import ProfileChanges, update_profile
from tertulia.forums.models import Forum, Post, Thread
from tertulia.forums.services.moderation_posts import approve_post, hide_post
from tertulia.forums.services.moderation_threads import lock_thread, pin_thread
from tertulia.forums.services.posts import edit_post, post_reply
from tertulia.forums.services.reactions import like_post
from tertulia.forums.services.reading import VIEW_FLUSH_EVERY
from tertulia.forums.services.threads import start_thread
from tests.factories import add_post, make_member
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db

PAGES = ("/forums/", "/forums/general/")


def thread_url(thread: Thread) -> str:
    return f"/forums/t/{thread.pk}/"


def read_all(browser: Client, thread: Thread) -> None:
    """Fill every cache the reader's pages use."""
    for url in (*PAGES, thread_url(thread)):
        assert browser.get(url).status_code == 200


@pytest.fixture(params=["visitor", "member"])
def browser(request: pytest.FixtureRequest, client: Client, member_client: Client) -> Client:
    return client if request.param == "visitor" else member_client


def test_a_reply_shows_on_every_page(browser: Client, thread: Thread, member: Member) -> None:
    read_all(browser, thread)

    post_reply(member, thread, body="A reply written after the pages were cached")

    assert "A reply written after the pages were cached" in page_text(
        browser.get(thread_url(thread))
    )
    assert "1 reply" in page_text(browser.get("/forums/general/"))
    assert f"Last post by {member.display_name}" in page_text(browser.get("/forums/"))


def test_an_edit_shows_at_once(browser: Client, thread: Thread, other_member: Member) -> None:
    read_all(browser, thread)
    first = Post.objects.get(thread=thread, position=1)

    edit_post(other_member, first, body="Edited text", title="An edited title")

    body = page_text(browser.get(thread_url(thread)))
    assert "Edited text" in body
    assert "An edited title" in body
    assert "An edited title" in page_text(browser.get("/forums/general/"))
    assert "An edited title" in page_text(browser.get("/forums/"))


def test_a_like_shows_at_once(browser: Client, thread: Thread) -> None:
    read_all(browser, thread)

    like_post(make_member(), Post.objects.get(thread=thread, position=1))

    assert "1 like" in page_text(browser.get(thread_url(thread)))


def test_a_hidden_post_turns_into_a_placeholder(
    browser: Client, thread: Thread, facilitator: Member
) -> None:
    reply = add_post(thread=thread, body="Soon hidden")
    read_all(browser, thread)

    hide_post(facilitator, reply, reason="Off topic")

    body = page_text(browser.get(thread_url(thread)))
    assert "Soon hidden" not in body
    assert "This post was hidden by a facilitator." in body


def test_an_approved_post_appears(browser: Client, thread: Thread, facilitator: Member) -> None:
    waiting = add_post(thread=thread, body="Waiting for a facilitator", is_approved=False)
    assert "Waiting for a facilitator" not in page_text(browser.get(thread_url(thread)))

    approve_post(facilitator, waiting)

    assert "Waiting for a facilitator" in page_text(browser.get(thread_url(thread)))


def test_pinning_and_locking_show_in_the_list_and_the_thread(
    browser: Client, thread: Thread, facilitator: Member
) -> None:
    read_all(browser, thread)

    pin_thread(facilitator, thread)
    lock_thread(facilitator, thread)

    assert "Pinned" in page_text(browser.get("/forums/general/"))
    body = page_text(browser.get(thread_url(thread)))
    assert "Pinned" in body
    assert "This thread is locked" in body


def test_a_new_thread_shows_in_the_list_and_the_index(
    browser: Client, thread: Thread, forum: Forum, member: Member
) -> None:
    read_all(browser, thread)

    start_thread(member, forum, title="A thread started later", body="Hello again")

    assert "A thread started later" in page_text(browser.get("/forums/general/"))
    assert "2 threads" in page_text(browser.get("/forums/"))


def test_a_renamed_author_shows_under_the_new_name_everywhere(
    browser: Client, thread: Thread, other_member: Member
) -> None:
    read_all(browser, thread)
    old_name = other_member.display_name

    update_profile(
        other_member,
        other_member,
        ProfileChanges(
            display_name="Wanjiru K. Otieno",
            country="",
            city="",
            organisation="",
            job_title="",
            languages=[],
            expertise=[],
            time_zone="UTC",
            interface_language="en",
            bio="",
            show_email=False,
        ),
    )

    for url in (*PAGES, thread_url(thread)):
        body = page_text(browser.get(url))
        assert "Wanjiru K. Otieno" in body, url
        assert old_name not in body, url


def test_view_counts_reach_the_thread_list(client: Client, thread: Thread) -> None:
    assert "0 views" in page_text(client.get("/forums/general/"))

    for _ in range(VIEW_FLUSH_EVERY):
        client.get(thread_url(thread))

    assert f"{VIEW_FLUSH_EVERY} views" in page_text(client.get("/forums/general/"))
