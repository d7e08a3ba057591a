"""The three busiest forum pages cost a fixed, small number of queries, read afresh or
from the cache, whatever the number of forums, threads or posts, and page 3 of a thread
costs what page 1 costs (the benchmark's page 500; see bench/README.md)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tertulia.core.models import SiteSettings
from tertulia.forums.models import Forum, Thread
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db

# Read from the cache: a visitor's page is one query (the thread, or the forum, or the
# forums); a member adds the session and the member, and for a list or a thread one
# query for where they stand (read mark, subscription...) and one for their marks on
# the rows (read marks, likes and bookmarks).
CACHED = {
    ("index", "visitor"): 1,
    ("index", "member"): 3,
    ("list", "visitor"): 1,
    ("list", "member"): 5,
    ("thread", "visitor"): 1,
    ("thread", "member"): 5,
}


def queries(browser: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(url).status_code == 200
    return len(captured)


def fill_thread(thread: Thread, posts: int) -> None:
    for number in range(2, posts + 1):
        add_post(thread=thread, author=make_member(), body=f"Reply {number}")


def fill_forum(forum: Forum, threads: int) -> None:
    for number in range(threads):
        make_thread(forum=forum, title=f"Thread {number}")


@pytest.fixture(params=["visitor", "member"])
def viewer(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def browser(viewer: str, client: Client, member_client: Client) -> Client:
    return client if viewer == "visitor" else member_client


@pytest.fixture(autouse=True)
def _site_settings_read(db: None) -> None:
    # Read once per process (and cached): not a cost of any one page.
    SiteSettings.current()


def first_and_cached(browser: Client, url: str) -> tuple[int, int]:
    """Queries of the first reading (which also fills the caches), then of a reading
    from the caches (the third: the second may still move the reader's new marks)."""
    first = queries(browser, url)
    browser.get(url)
    return first, queries(browser, url)


@pytest.mark.parametrize("size", [5, 50])
def test_a_thread_page(browser: Client, viewer: str, size: int) -> None:
    thread = make_thread(title="Long")
    fill_thread(thread, size)

    first, cached = first_and_cached(browser, f"/forums/t/{thread.pk}/")

    assert cached == CACHED[("thread", viewer)]
    # Filling the caches reads the page's post facts, the posts in full, their files and
    # the author's name for the head; a member's first visit also writes their read mark
    # (get_or_create: a read, a savepoint, an insert, its release).
    assert first == cached + (4 if viewer == "visitor" else 8)


def test_a_thread_page_costs_the_same_for_5_and_50_posts(browser: Client) -> None:
    counts = []
    for size in (5, 50):
        thread = make_thread(title=f"Thread of {size}")
        fill_thread(thread, size)
        counts.append(first_and_cached(browser, f"/forums/t/{thread.pk}/"))

    assert counts[0] == counts[1]


def test_a_late_page_costs_what_the_first_costs(browser: Client) -> None:
    counts = []
    for page in (1, 3):
        thread = make_thread(title=f"Read from page {page}")
        fill_thread(thread, 50)
        counts.append(first_and_cached(browser, f"/forums/t/{thread.pk}/?page={page}"))

    assert counts[0] == counts[1]
    assert "Reply 41<" in page_text(browser.get(f"/forums/t/{thread.pk}/?page=3"))


def test_a_thread_list_costs_the_same_for_5_and_50_threads(browser: Client, viewer: str) -> None:
    counts = []
    for size in (5, 50):
        forum = make_forum(title=f"Forum of {size}")
        fill_forum(forum, size)
        counts.append(first_and_cached(browser, f"/forums/{forum.slug}/"))

    assert counts[0] == counts[1]
    assert counts[0][1] == CACHED[("list", viewer)]


def test_the_index_costs_the_same_for_2_and_12_forums(browser: Client, viewer: str) -> None:
    counts = []
    for total in (2, 12):
        while Forum.objects.count() < total:
            make_thread(forum=make_forum())
        counts.append(first_and_cached(browser, "/forums/"))

    assert counts[0] == counts[1]
    assert counts[0][1] == CACHED[("index", viewer)]


def submission_key(body: str) -> str:
    found = re.search(r'name="submission_key" value="([^"]*)"', body)
    assert found is not None
    return found[1]


def test_every_reply_box_gets_a_fresh_submission_key(member_client: Client) -> None:
    thread = make_thread()
    read: Callable[[], str] = lambda: page_text(member_client.get(f"/forums/t/{thread.pk}/"))  # noqa: E731

    keys = {submission_key(read()) for _ in range(3)}

    assert len(keys) == 3
    assert all(len(key) >= 24 for key in keys)
