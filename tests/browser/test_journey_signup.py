"""A newcomer signs up, confirms their address by the mailed link and lands signed in."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import submit, visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_and_verify_by_the_mailed_link(page: Page) -> None:
    visit(page, "/")
    visit(page, "/accounts/signup/")
    page.get_by_label("Display name:").fill("Thandiwe Ndlovu-Mokoena")
    page.get_by_label("Email:").fill("thandiwe@example.org")
    page.get_by_label("Password:", exact=True).fill("a-long-passphrase-for-tests")
    page.get_by_label("Password (again):").fill("a-long-passphrase-for-tests")
    submit(page, "Sign Up")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body)
    assert link is not None, mail.outbox[0].body
    visit(page, link.group(0))
    submit(page, "Confirm")

    expect(page.get_by_role("banner")).to_contain_text("Thandiwe Ndlovu-Mokoena")
