"""A visitor searches the site, sees the matched words highlighted, and narrows by type."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tertulia.forums.services.threads import start_thread
from tertulia.trainings.services.trainings import suggest_training
from tests.browser.conftest import check_accessibility, submit, visit
from tests.factories import make_facilitator, make_forum, make_member
from tests.trainings.factories import details

pytestmark = pytest.mark.django_db(transaction=True)

THREAD_TITLE = "Running the power walk with a reluctant group"
TRAINING_TITLE = "Facilitating participatory exercises"


@pytest.fixture
def content() -> None:
    forum = make_forum(title="General Discussion Forum", slug="general")
    author = make_member(display_name="Wanjiru Kamau", email="wanjiru@example.org")
    start_thread(
        author,
        forum,
        title=THREAD_TITLE,
        body="Everyone steps forward when a statement applies to them; then we talk.",
        language="en",
    )
    facilitator = make_facilitator(display_name="Ruya Leghari", email="ruya@example.org")
    suggest_training(
        facilitator,
        details(
            title=TRAINING_TITLE,
            description="A half-day course on the **power walk** and other exercises.",
        ),
        publish=True,
    )
    start_thread(
        author, forum, title="Budget analysis", body="Who uses which service?", language="en"
    )


def test_search_see_highlighted_results_then_filter_by_type(page: Page, content: None) -> None:
    visit(page, "/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    check_accessibility(page)

    page.get_by_label("Search for").fill("power walk")
    submit(page, "Search")

    results = page.locator(".search-results")
    expect(results.get_by_role("heading", level=2)).to_have_text("2 results")
    expect(results.get_by_role("link", name=THREAD_TITLE)).to_be_visible()
    expect(results.get_by_role("link", name=TRAINING_TITLE)).to_be_visible()
    expect(results).not_to_contain_text("Budget analysis")
    highlighted = {text.lower() for text in results.locator("mark").all_inner_texts()}
    assert highlighted == {"power", "walk"}

    page.get_by_label("Type").select_option(label="Trainings")
    submit(page, "Search")
    expect(results.get_by_role("heading", level=2)).to_have_text("1 result")
    expect(results.get_by_role("link", name=TRAINING_TITLE)).to_be_visible()
    expect(results.get_by_role("link", name=THREAD_TITLE)).to_have_count(0)
    expect(page.get_by_label("Search for")).to_have_value("power walk")

    with page.expect_navigation():
        results.get_by_role("link", name=TRAINING_TITLE).click()
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TRAINING_TITLE)
