"""One member writes privately to another, who sees the unread badge, reads, and the badge goes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tertulia.accounts.models import Member
from tests.browser.conftest import check_accessibility, submit, visit
from tests.browser.test_journey_forum import sign_in
from tests.factories import make_member

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "Your power walk cards"
BODY = "Could you share the character cards you used in Lima? I run a workshop next month."


def sign_out(page: Page) -> None:
    submit(page, "Sign out")


def test_write_to_a_member_who_sees_the_badge_and_reads(page: Page) -> None:
    writer = make_member(display_name="Wanjiru Kamau", email="wanjiru@example.org")
    reader: Member = make_member(display_name="Ana María Quispe", email="ana@example.org")

    sign_in(page, writer)
    visit(page, f"/members/{reader.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Send a private message").click()
    check_accessibility(page)
    expect(page.get_by_label("Ana María Quispe")).to_be_checked()
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Message", exact=False).first.fill(BODY)
    submit(page, "Send")
    expect(page.get_by_role("status").first).to_contain_text("Your message is sent.")
    expect(page.get_by_text(BODY)).to_be_visible()
    sign_out(page)

    sign_in(page, reader)
    header = page.get_by_role("navigation", name="Your account")
    expect(header.get_by_role("link", name="Messages 1 unread")).to_be_visible()

    with page.expect_navigation():
        header.get_by_role("link", name="Messages").click()
    check_accessibility(page)
    conversation = page.get_by_role("link", name=SUBJECT)
    expect(page.locator(".conversation-row", has=conversation)).to_contain_text("1 unread")
    with page.expect_navigation():
        conversation.click()
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(SUBJECT)
    expect(page.get_by_text(BODY)).to_be_visible()
    expect(page.get_by_text("Wanjiru Kamau").first).to_be_visible()
    messages_link = header.get_by_role("link", name="Messages")
    expect(messages_link.locator(".count-badge")).to_have_count(0)  # read on this very page

    visit(page, "/")
    expect(header.get_by_role("link", name="Messages", exact=True)).to_be_visible()
    expect(messages_link.locator(".count-badge")).to_have_count(0)
    reader.refresh_from_db()
    assert reader.unread_conversations == 0
