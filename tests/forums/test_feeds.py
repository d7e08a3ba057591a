"""RSS and Atom feeds of public forums and threads, with nothing a visitor may not see."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.core.models import SiteSettings
from tertulia.forums.models import Access, Forum, ForumKind, Thread
from tests.factories import add_post, make_forum, make_thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


def test_a_public_forum_has_rss_and_atom_feeds_of_its_threads(
    client: Client, thread: Thread
) -> None:
    rss = client.get("/forums/general/feed/rss/")
    atom = client.get("/forums/general/feed/atom/")

    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for feed in (page_text(rss), page_text(atom)):
        assert "How do you open a workshop?" in feed
        assert "I start with a round of names." in feed
        assert f"/forums/t/{thread.pk}/" in feed


def test_hidden_and_waiting_threads_stay_out_of_the_feed(client: Client, forum: Forum) -> None:
    make_thread(forum=forum, title="Removed thread", is_hidden=True)
    waiting = make_thread(forum=forum, title="Waiting thread")
    Thread.objects.filter(pk=waiting.pk).update(last_post=None)

    feed = page_text(client.get("/forums/general/feed/rss/"))

    assert "Removed thread" not in feed
    assert "Waiting thread" not in feed


def test_a_thread_feed_has_its_visible_posts(client: Client, thread: Thread) -> None:
    add_post(thread=thread, body="Visible reply")
    add_post(thread=thread, body="Hidden reply", is_hidden=True)
    add_post(thread=thread, body="Waiting reply", is_approved=False)

    rss = page_text(client.get(f"/forums/t/{thread.pk}/feed/rss/"))
    atom = page_text(client.get(f"/forums/t/{thread.pk}/feed/atom/"))

    for feed in (rss, atom):
        assert "Visible reply" in feed
        assert "Hidden reply" not in feed
        assert "Waiting reply" not in feed


def test_members_only_forums_have_no_feeds(client: Client) -> None:
    lounge = make_forum(title="Lounge", slug="lounge", read_access=Access.MEMBERS)
    thread = make_thread(forum=lounge)

    assert client.get("/forums/lounge/feed/rss/").status_code == 404
    assert client.get(f"/forums/t/{thread.pk}/feed/atom/").status_code == 404


def test_a_hidden_thread_has_no_feed(client: Client, thread: Thread) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)

    assert client.get(f"/forums/t/{thread.pk}/feed/rss/").status_code == 404


def test_a_question_and_answer_feed_carries_only_the_question(client: Client) -> None:
    ask = make_forum(title="Ask", slug="ask", kind=ForumKind.QUESTION_AND_ANSWER)
    thread = make_thread(forum=ask, body="The question")
    add_post(thread=thread, body="An answer")

    feed = page_text(client.get(f"/forums/t/{thread.pk}/feed/rss/"))

    assert "The question" in feed
    assert "An answer" not in feed


def test_a_members_only_community_has_no_public_feeds(client: Client, thread: Thread) -> None:
    site = SiteSettings.current()
    site.members_only = True
    site.save()

    assert client.get("/forums/general/feed/rss/").status_code == 302


def test_the_pages_announce_their_feeds(client: Client, thread: Thread) -> None:
    forum_page = page_text(client.get("/forums/general/"))
    thread_page = page_text(client.get(f"/forums/t/{thread.pk}/"))

    assert 'type="application/rss+xml"' in forum_page
    assert f'href="/forums/t/{thread.pk}/feed/atom/"' in thread_page
