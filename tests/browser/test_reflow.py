"""Pages reflow at 320 CSS pixels wide (WCAG 1.4.10), which is also what a 1280-pixel
window shows at 400 % zoom: nothing scrolls sideways, nothing is cut off, and the header's
navigation and language switcher can still be reached.

Long unbroken words (a pasted link, a German compound) are the usual culprits, so the
content here has some.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page

from tertulia.accounts.models import Member
from tests.browser.conftest import check_accessibility
from tests.events.factories import make_event
from tests.factories import make_forum, make_member, make_thread
from tests.library.factories import make_resource
from tests.trainings.factories import make_training

pytestmark = pytest.mark.django_db(transaction=True)

LONG_WORD = "Gleichstellungsbeauftragtenfortbildungsprogramm"
LONG_LINK = "https://www.example.org/" + "very-long-path-segment-" * 8
NARROW = {"width": 320, "height": 640}


@pytest.fixture
def content(db: None) -> dict[str, str]:
    author = make_member(display_name="Anna-Lena Großmann-Schwarzenberger")
    forum = make_forum(title=f"Werkstatt {LONG_WORD}")
    thread = make_thread(
        forum=forum,
        author=author,
        title=f"{LONG_WORD} and what it taught us",
        body=f"See {LONG_LINK} and the {LONG_WORD} notes.\n\n> A quoted {LONG_WORD}",
    )
    event = make_event(title=f"Webinar: {LONG_WORD}", description=LONG_LINK)
    resource = make_resource(title=f"Manual {LONG_WORD}", description=LONG_LINK)
    make_training(title=f"Course {LONG_WORD}")
    return {
        "home": "/",
        "forum": f"/forums/{forum.slug}/",
        "thread": f"/forums/t/{thread.pk}/",
        "event": reverse("event-detail", kwargs={"event_id": event.pk, "slug": event.slug}),
        "events": "/events/",
        "resource": reverse(
            "resource-detail", kwargs={"resource_id": resource.pk, "slug": resource.slug}
        ),
        "resources": "/resources/",
        "trainings": "/trainings/",
        "search": f"/search/?q={LONG_WORD[:12]}",
        "statement": "/accessibility/",
    }


@pytest.fixture
def narrow(browser: Browser, live_server: Any) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=NARROW, base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context
    context.close()


def _overflow(page: Page) -> list[str]:
    """What sticks out past the right edge of the window."""
    return list(
        page.evaluate(
            """() => {
                const width = document.documentElement.clientWidth;
                const out = [];
                if (document.documentElement.scrollWidth > width + 1) {
                    out.push(`page is ${document.documentElement.scrollWidth}px wide`);
                }
                for (const node of document.querySelectorAll('body *')) {
                    const box = node.getBoundingClientRect();
                    if (!box.width || box.right <= width + 1) continue;
                    // Content meant to scroll on its own (a wide table, code) may.
                    if (node.closest('pre, .table-scroll, .visually-hidden')) continue;
                    const text = (node.textContent || "").trim().slice(0, 30);
                    const name = `${node.tagName.toLowerCase()}.${node.className} "${text}"`;
                    out.push(`${name} ends at ${Math.round(box.right)}px`);
                }
                return out.slice(0, 30);
            }"""
        )
    )


def test_every_main_page_fits_320_pixels(narrow: BrowserContext, content: dict[str, str]) -> None:
    page = narrow.new_page()
    problems: dict[str, list[str]] = {}
    for name, path in content.items():
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        found = _overflow(page)
        if found:
            problems[name] = found
    assert not problems, problems


def test_a_member_reaches_the_header_and_the_reply_box_at_320_pixels(
    narrow: BrowserContext, content: dict[str, str], member: Member
) -> None:
    client = Client()
    client.force_login(member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    narrow.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_url(narrow)}]
    )
    page = narrow.new_page()
    page.goto(content["thread"])
    check_accessibility(page)

    assert not _overflow(page)
    for name in ("Messages", "Notifications"):
        link = page.get_by_role("navigation", name="Your account").get_by_role("link", name=name)
        assert link.is_visible()
        box = link.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= NARROW["width"]
    reply = page.get_by_role("textbox").last
    reply.scroll_into_view_if_needed()
    box = reply.bounding_box()
    assert box is not None
    assert box["width"] >= 250


def live_url(context: BrowserContext) -> str:
    page = context.new_page()
    try:
        page.goto("/")
        return page.url
    finally:
        page.close()
