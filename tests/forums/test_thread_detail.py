"""A thread's page: posts by position, 20 a page, permalinks, placeholders, constant queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tertulia.accounts.models import Member
from tertulia.forums.models import Bookmark, Flag, FlagReason, Post, Reaction, Thread
from tertulia.forums.services.reading import VIEW_FLUSH_EVERY
from tests.factories import add_post, make_member, make_thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


def fill(thread: Thread, count: int) -> None:
    """Give the thread `count` posts in all, from different authors."""
    for number in range(2, count + 1):
        add_post(thread=thread, author=make_member(), body=f"Reply number {number}")


def test_posts_show_in_order_twenty_a_page(client: Client, thread: Thread) -> None:
    fill(thread, 25)

    first = page_text(client.get(f"/forums/t/{thread.pk}/"))
    second = page_text(client.get(f"/forums/t/{thread.pk}/?page=2"))

    assert first.index("Reply number 2<") < first.index("Reply number 20<")
    assert "Reply number 21<" not in first
    assert "Reply number 21<" in second
    assert "Reply number 25<" in second
    assert "Reply number 20<" not in second
    assert "Page 2 of 2" in second


def test_the_page_links_lead_to_the_next_and_previous_pages(client: Client, thread: Thread) -> None:
    fill(thread, 45)

    second = client.get(f"/forums/t/{thread.pk}/?page=2").content.decode()

    assert 'href="?page=3" rel="next"' in second
    assert 'href="?page=1" rel="prev"' in second


@pytest.mark.parametrize("page", ["abc", "0", "-3", "999", ""])
def test_odd_page_numbers_show_the_nearest_page(client: Client, thread: Thread, page: str) -> None:
    response = client.get(f"/forums/t/{thread.pk}/?page={page}")

    assert response.status_code == 200
    assert "I start with a round of names." in page_text(response)


def test_a_page_is_read_by_position_not_by_offset(client: Client, thread: Thread) -> None:
    fill(thread, 45)

    with CaptureQueriesContext(connection) as queries:
        client.get(f"/forums/t/{thread.pk}/?page=3")

    post_queries = [q["sql"] for q in queries if 'FROM "forums_post"' in q["sql"]]
    assert post_queries
    assert not any("OFFSET" in sql for sql in post_queries)
    assert any('"position" >= 41' in sql for sql in post_queries)


def test_a_permalink_lands_on_the_right_page_at_the_post(client: Client, thread: Thread) -> None:
    fill(thread, 30)
    post = Post.objects.get(thread=thread, position=23)

    response = client.get(f"/forums/p/{post.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/forums/t/{thread.pk}/?page=2#post-{post.pk}"
    first = Post.objects.get(thread=thread, position=1)
    assert client.get(f"/forums/p/{first.pk}/")["Location"] == (
        f"/forums/t/{thread.pk}/#post-{first.pk}"
    )


def test_an_unknown_thread_or_post_is_not_found(client: Client) -> None:
    assert client.get("/forums/t/999/").status_code == 404
    assert client.get("/forums/p/999/").status_code == 404


def test_a_hidden_post_is_a_placeholder_with_the_reason_for_facilitators(
    client: Client, facilitator_client: Client, thread: Thread, facilitator: Member
) -> None:
    add_post(
        thread=thread,
        body="Buy cheap watches",
        is_hidden=True,
        hidden_reason="Advertising",
        hidden_by=facilitator,
    )

    public = page_text(client.get(f"/forums/t/{thread.pk}/"))
    moderated = page_text(facilitator_client.get(f"/forums/t/{thread.pk}/"))

    assert "This post was hidden by a facilitator." in public
    assert "Buy cheap watches" not in public
    assert "Advertising" not in public
    assert "Reason: Advertising" in moderated
    assert "Buy cheap watches" in moderated


def test_a_hidden_thread_is_closed_to_members_and_open_to_facilitators(
    member_client: Client, facilitator_client: Client, thread: Thread
) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)

    assert member_client.get(f"/forums/t/{thread.pk}/").status_code == 403
    assert facilitator_client.get(f"/forums/t/{thread.pk}/").status_code == 200


def test_views_are_counted_in_the_cache_and_written_in_batches(
    client: Client, thread: Thread
) -> None:
    for _ in range(VIEW_FLUSH_EVERY - 1):
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/forums/t/{thread.pk}/")
        assert not any(q["sql"].startswith("UPDATE") for q in queries)
    thread.refresh_from_db()
    assert thread.view_count == 0
    shown = page_text(client.get(f"/forums/t/{thread.pk}/"))

    thread.refresh_from_db()
    assert thread.view_count == VIEW_FLUSH_EVERY
    assert f"{VIEW_FLUSH_EVERY} views" in shown


def test_the_post_partials_get_what_they_read(
    member_client: Client, member: Member, thread: Thread
) -> None:
    liked = add_post(thread=thread, body="Liked one")
    Reaction.objects.create(post=liked, member=member)
    Bookmark.objects.create(post=liked, member=member)

    response = member_client.get(f"/forums/t/{thread.pk}/")

    items = {item.post.pk: item for item in response.context["data"].items}
    assert items[liked.pk].viewer_has_liked
    assert items[liked.pk].viewer_has_bookmarked
    first = Post.objects.get(thread=thread, position=1)
    assert not items[first.pk].viewer_has_liked
    assert items[first.pk].open_flag_count == 0
    assert response.context["thread"] == thread
    assert response.context["can_moderate"] is False


def test_facilitators_get_the_open_flag_count(
    facilitator_client: Client, member: Member, thread: Thread
) -> None:
    first = Post.objects.get(thread=thread, position=1)
    Flag.objects.create(post=first, member=member, reason=FlagReason.SPAM)
    Flag.objects.create(post=first, member=make_member(), reason=FlagReason.OTHER)

    response = facilitator_client.get(f"/forums/t/{thread.pk}/")

    assert response.context["data"].items[0].open_flag_count == 2
    assert response.context["can_moderate"] is True


def count_queries(client: Client, url: str) -> int:
    client.get(url)  # warm the site-settings cache and the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["visitor", "member", "facilitator"])
def test_the_page_costs_the_same_queries_for_5_and_50_posts(
    viewer: str, client: Client, member_client: Client, facilitator_client: Client
) -> None:
    browser = {"visitor": client, "member": member_client, "facilitator": facilitator_client}[
        viewer
    ]
    counts = []
    for size in (5, 50):
        thread = make_thread(title=f"Thread of {size}")
        fill(thread, size)
        for post in Post.objects.filter(thread=thread)[:3]:
            Reaction.objects.create(post=post, member=make_member())
        counts.append(count_queries(browser, f"/forums/t/{thread.pk}/"))

    assert counts[0] == counts[1]
    assert counts[0] <= 12
