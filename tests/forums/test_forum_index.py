"""The forum index: the forums a viewer may read, with counts and the last post."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tertulia.core.models import SiteSettings
from tertulia.forums.models import Access, Forum, Thread
from tests.factories import add_post, make_forum, make_thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def forums(forum: Forum) -> dict[str, Forum]:
    return {
        "public": forum,
        "members": make_forum(title="Members lounge", read_access=Access.MEMBERS),
        "team": make_forum(title="Facilitators room", read_access=Access.FACILITATORS),
    }


def test_each_role_sees_the_forums_it_may_read(
    forums: dict[str, Forum], client: Client, member_client: Client, facilitator_client: Client
) -> None:
    visitor = page_text(client.get("/forums/"))
    member = page_text(member_client.get("/forums/"))
    facilitator = page_text(facilitator_client.get("/forums/"))

    assert "General Discussion Forum" in visitor
    assert "Members lounge" not in visitor
    assert "Facilitators room" not in visitor
    assert "Members lounge" in member
    assert "Facilitators room" not in member
    assert "Members lounge" in facilitator
    assert "Facilitators room" in facilitator


def test_forums_show_their_counts_and_last_post(client: Client, thread: Thread) -> None:
    reply = add_post(thread=thread, body="Last words")

    body = page_text(client.get("/forums/"))

    assert "1 thread" in body
    assert "2 posts" in body
    assert (
        f'Last post by {reply.author.display_name} in <a href="/forums/p/{reply.pk}/">'
        "How do you open a workshop?</a>"
    ) in body


def test_forums_are_in_their_set_order(client: Client) -> None:
    make_forum(title="Second", position=2)
    make_forum(title="First", position=1)

    body = page_text(client.get("/forums/"))

    assert body.index("First") < body.index("Second")


def test_the_main_navigation_links_to_the_forums(client: Client) -> None:
    body = page_text(client.get("/forums/"))

    assert '<a href="/forums/" aria-current="page">Forums</a>' in body


def test_visitors_of_a_members_only_community_are_sent_to_sign_in(
    client: Client, forum: Forum
) -> None:
    site = SiteSettings.current()
    site.members_only = True
    site.save()

    response = client.get("/forums/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def count_queries(client: Client) -> int:
    client.get("/forums/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/forums/")
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_index_costs_the_same_queries_for_2_and_12_forums(
    client: Client, member_client: Client, signed_in: bool
) -> None:
    browser = member_client if signed_in else client
    counts = []
    for total in (2, 12):
        while Forum.objects.count() < total:
            make_thread(forum=make_forum())
        counts.append(count_queries(browser))

    assert counts[0] == counts[1]
    assert counts[0] <= 3
