"""Anyone finds the accessibility statement from the footer and how to report a problem."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessibility, visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_find_the_statement_from_the_footer(page: Page) -> None:
    visit(page, "/forums/")
    footer = page.get_by_role("contentinfo")
    with page.expect_navigation():
        footer.get_by_role("link", name="Accessibility").click()
    check_accessibility(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility")
    expect(page.get_by_text("WCAG) 2.2 at level AA")).to_be_visible()
    for heading in ("The standard we aim for", "How we check it", "Known limitations"):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    report = page.get_by_role("heading", level=2, name="Report a problem")
    expect(report).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="member directory").click()
    check_accessibility(page)
    assert page.url.endswith("/members/")
