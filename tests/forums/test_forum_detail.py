"""A forum's page: threads pinned first then by activity, 30 a page, language filter."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, Forum, Thread
from tests.factories import make_forum, make_member, make_thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


def thread_at(forum: Forum, title: str, hours_ago: int, **fields: object) -> Thread:
    thread = make_thread(forum=forum, title=title, **fields)
    Thread.objects.filter(pk=thread.pk).update(
        last_activity_at=timezone.now() - timedelta(hours=hours_ago)
    )
    return thread


def test_pinned_threads_come_first_then_the_most_active(client: Client, forum: Forum) -> None:
    thread_at(forum, "Old news", 30)
    thread_at(forum, "Fresh talk", 1)
    thread_at(forum, "Pinned rules", 90, is_pinned=True)

    body = page_text(client.get("/forums/general/"))

    assert body.index("Pinned rules") < body.index("Fresh talk") < body.index("Old news")


def test_thirty_threads_a_page(client: Client, forum: Forum) -> None:
    for number in range(1, 32):
        thread_at(forum, f"Topic {number:02d}.", number)

    first = page_text(client.get("/forums/general/"))
    second = page_text(client.get("/forums/general/?page=2"))

    assert "Topic 30." in first
    assert "Topic 31." not in first
    assert "Topic 31." in second
    assert "Page 2 of 2" in second


def test_the_language_filter_keeps_one_language(client: Client, forum: Forum) -> None:
    make_thread(forum=forum, title="In Spanish", language="es")
    make_thread(forum=forum, title="In French", language="fr")

    body = page_text(client.get("/forums/general/?language=es"))

    assert "In Spanish" in body
    assert "In French" not in body
    assert '<option value="es" selected>' in body


def test_an_unknown_language_shows_everything(client: Client, forum: Forum) -> None:
    make_thread(forum=forum, title="In Spanish", language="es")

    response = client.get("/forums/general/?language=<script>")

    assert response.status_code == 200
    assert "In Spanish" in page_text(response)


def test_members_see_the_new_thread_link_where_they_may_write(
    client: Client, member_client: Client, forum: Forum
) -> None:
    make_forum(title="Announcements", slug="announcements", write_access=Access.FACILITATORS)

    assert 'href="/forums/general/new/"' in page_text(member_client.get("/forums/general/"))
    assert "/new/" not in page_text(member_client.get("/forums/announcements/"))
    visitor = page_text(client.get("/forums/general/"))
    assert "/new/" not in visitor
    assert "Sign in to take part." in visitor


def test_a_members_forum_is_closed_to_visitors(client: Client, member_client: Client) -> None:
    make_forum(title="Lounge", slug="lounge", read_access=Access.MEMBERS)

    assert client.get("/forums/lounge/").status_code == 403
    assert member_client.get("/forums/lounge/").status_code == 200


def test_hidden_threads_show_to_facilitators_only(
    member_client: Client, facilitator_client: Client, forum: Forum
) -> None:
    make_thread(forum=forum, title="Removed thread", is_hidden=True)

    assert "Removed thread" not in page_text(member_client.get("/forums/general/"))
    assert "Removed thread" in page_text(facilitator_client.get("/forums/general/"))


def test_an_unknown_forum_is_not_found(client: Client) -> None:
    assert client.get("/forums/nowhere/").status_code == 404


def test_fixed_pages_are_not_taken_for_forum_slugs(client: Client, forum: Forum) -> None:
    assert client.get("/forums/latest/").status_code == 200


def count_queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["visitor", "member", "facilitator"])
def test_the_page_costs_the_same_queries_for_5_and_50_threads(
    viewer: str, client: Client, member: Member, member_client: Client, facilitator_client: Client
) -> None:
    browser = {"visitor": client, "member": member_client, "facilitator": facilitator_client}[
        viewer
    ]
    counts = []
    for size in (5, 50):
        forum = make_forum(title=f"Forum of {size}")
        for _ in range(size):
            make_thread(forum=forum, author=make_member())
        counts.append(count_queries(browser, f"/forums/{forum.slug}/"))
        counts.append(count_queries(browser, f"/forums/{forum.slug}/?language=en"))

    assert counts[0] == counts[2]
    assert counts[1] == counts[3]
    assert max(counts) <= 10


def test_members_who_may_start_a_thread_see_the_forum_address(
    client: Client, member_client: Client, forum: Forum, settings: Any
) -> None:
    settings.REPLY_DOMAIN = "lists.example.org"

    member_page = member_client.get("/forums/general/").content.decode()
    visitor_page = client.get("/forums/general/").content.decode()

    assert 'href="mailto:forum+general@lists.example.org"' in member_page
    assert "forum+general@" not in visitor_page


def test_no_forum_address_when_mail_cannot_be_received(
    member_client: Client, forum: Forum, settings: Any
) -> None:
    settings.REPLY_DOMAIN = ""

    assert "mailto:forum+" not in member_client.get("/forums/general/").content.decode()
