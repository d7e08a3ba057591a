"""A thread page is light on a slow connection: at most 60 KB on a first visit, 15 KB after.

Measured in Chromium against the site as production serves it (gunicorn, DEBUG off,
hashed static files compressed by whitenoise), on a thread of 45 posts by a dozen
members: the bytes that cross the network for the page, its styles, scripts and fonts
(pictures are left out).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.served_site import ServedSite
from tests.browser.transfers import Transfers

FIRST_VIEW_BUDGET = 60 * 1024
REPEAT_VIEW_BUDGET = 15 * 1024
YEAR = 60 * 60 * 24 * 365


@pytest.fixture(scope="module")
def served_thread(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServedSite, str]]:
    with ServedSite(Path(tmp_path_factory.mktemp("served-site"))) as site:
        thread = site.call("tests.browser.site_content:add_discussion")
        assert isinstance(thread, dict)
        site.start()
        yield site, thread["thread"]


def load(page: Page, url: str) -> Transfers:
    transfers = Transfers.watch(page)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    return transfers


def test_a_thread_page_fits_the_budget_first_and_repeat_view(
    browser: Browser, served_thread: tuple[ServedSite, str]
) -> None:
    site, thread = served_thread
    context = browser.new_context(base_url=site.url, locale="en-GB")
    try:
        first = load(context.new_page(), thread)
        assert first.total() <= FIRST_VIEW_BUDGET, (
            f"first view: {first.total()} B > {FIRST_VIEW_BUDGET} B\n{first.describe()}"
        )
        repeat = load(context.new_page(), thread)
        assert repeat.total() <= REPEAT_VIEW_BUDGET, (
            f"repeat view: {repeat.total()} B > {REPEAT_VIEW_BUDGET} B\n{repeat.describe()}"
        )
    finally:
        context.close()

    page_itself = [t for t in first.counted() if t.kind == "Document"]
    assert len(page_itself) == 1
    assert page_itself[0].headers.get("content-encoding") == "gzip"
    static = [t for t in first.counted() if t.kind in {"Stylesheet", "Script"}]
    assert static, first.describe()
    for transfer in static:
        assert transfer.headers.get("content-encoding") in {"br", "gzip"}, transfer.url
        assert f"max-age={YEAR}" in transfer.headers.get("cache-control", ""), transfer.url
        assert "immutable" in transfer.headers.get("cache-control", ""), transfer.url
    assert all(t.from_cache or t.bytes == 0 for t in repeat.counted() if t.kind != "Document")
