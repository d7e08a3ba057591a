"""Lists across forums: latest, my threads, a member's posts, and the home page section."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, Forum, Thread
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


def aged(thread: Thread, hours: int) -> Thread:
    Thread.objects.filter(pk=thread.pk).update(
        last_activity_at=timezone.now() - timedelta(hours=hours)
    )
    return thread


def test_latest_lists_threads_of_every_readable_forum_newest_first(
    client: Client, member_client: Client, forum: Forum
) -> None:
    lounge = make_forum(title="Lounge", read_access=Access.MEMBERS)
    aged(make_thread(forum=forum, title="Older public talk"), 5)
    aged(make_thread(forum=forum, title="Newer public talk"), 1)
    make_thread(forum=lounge, title="Members chat")
    make_thread(forum=forum, title="Removed", is_hidden=True)

    visitor = page_text(client.get("/forums/latest/"))
    member = page_text(member_client.get("/forums/latest/"))

    assert visitor.index("Newer public talk") < visitor.index("Older public talk")
    assert "Members chat" not in visitor
    assert "Removed" not in visitor
    assert "Members chat" in member
    assert "Removed" not in member
    assert '<a href="/forums/general/">General Discussion Forum</a>' in visitor


def test_my_threads_are_those_i_started_or_posted_in(
    member: Member, member_client: Client, forum: Forum
) -> None:
    make_thread(forum=forum, author=member, title="I started this")
    joined = make_thread(forum=forum, title="I joined this")
    add_post(thread=joined, author=member)
    make_thread(forum=forum, title="Not mine")

    body = page_text(member_client.get("/forums/mine/"))

    assert "I started this" in body
    assert "I joined this" in body
    assert "Not mine" not in body


def test_my_threads_needs_an_account(client: Client) -> None:
    assert client.get("/forums/mine/").status_code == 302


def test_a_members_posts_are_listed_newest_first(
    client: Client, member: Member, forum: Forum, thread: Thread
) -> None:
    add_post(thread=thread, author=member, body="My older point")
    add_post(thread=thread, author=member, body="My newer point")
    add_post(thread=thread, author=member, body="Hidden one", is_hidden=True)
    add_post(thread=thread, author=member, body="Waiting one", is_approved=False)
    lounge = make_forum(title="Lounge", read_access=Access.MEMBERS)
    make_thread(forum=lounge, author=member, body="Members only words")

    body = page_text(client.get(f"/forums/members/{member.pk}/posts/"))

    assert body.index("My newer point") < body.index("My older point")
    for unseen in ("Hidden one", "Waiting one", "Members only words"):
        assert unseen not in body
    assert "Posts by Nadège Mamas MAVOUNGOU" in body


def test_the_profile_links_to_the_members_posts(client: Client, member: Member) -> None:
    body = page_text(client.get(f"/members/{member.pk}/"))

    assert f'href="/forums/members/{member.pk}/posts/"' in body


def test_an_unknown_member_has_no_posts_page(client: Client) -> None:
    assert client.get("/forums/members/999/posts/").status_code == 404


def test_the_home_page_shows_the_latest_discussions(client: Client, thread: Thread) -> None:
    body = page_text(client.get("/"))

    assert "Latest discussions" in body
    assert f'href="/forums/t/{thread.pk}/"' in body


def count_queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/forums/latest/", "/forums/mine/", "/"])
def test_lists_cost_the_same_queries_for_5_and_50_threads(
    url: str, member: Member, member_client: Client, forum: Forum
) -> None:
    counts = []
    for size in (5, 50):
        while Thread.objects.count() < size:
            thread = make_thread(forum=forum, author=make_member())
            add_post(thread=thread, author=member)
        counts.append(count_queries(member_client, url))

    assert counts[0] == counts[1]


def test_a_members_posts_cost_the_same_queries_for_5_and_50_posts(
    client: Client, member: Member, thread: Thread
) -> None:
    counts = []
    for size in (5, 50):
        while thread.posts.filter(author=member).count() < size:
            add_post(thread=thread, author=member)
        counts.append(count_queries(client, f"/forums/members/{member.pk}/posts/"))

    assert counts[0] == counts[1]
