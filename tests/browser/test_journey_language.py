"""The header's language menu switches the interface to Spanish, then French.

Expected labels come from the translation catalogues, so the tests pass whatever the
translators' wording, but fail if a page still shows the English text (or if the
catalogue lost the translation).
"""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from tertulia.accounts.models import Member
from tests.browser.conftest import check_accessibility, visit
from tests.browser.test_journey_forum import sign_in
from tests.factories import make_member

pytestmark = pytest.mark.django_db(transaction=True)

# Main navigation labels whose Spanish and French differ from the English.
NAVIGATION = ["Events", "Resources", "Trainings", "Virtual dialogues"]


def translated(language: str, text: str) -> str:
    """`text` as the `language` catalogue has it; fails if it is not translated there."""
    if language == "en":
        return text
    with translation.override(language):
        result = translation.gettext(text)
    assert result != text, f"no {language} translation of {text!r} in the catalogue"
    return result


def switch_language(page: Page, *, to: str, shown_in: str) -> None:
    """Choose `to` in the header's menu, labelled in the language the page is `shown_in`."""
    switcher = page.locator("form.language-switcher")
    switcher.get_by_label(translated(shown_in, "Language"), exact=True).select_option(to)
    with page.expect_navigation():
        switcher.get_by_role("button", name=translated(shown_in, "Change"), exact=True).click()
    check_accessibility(page)


def expect_interface_in(page: Page, language: str, account_link: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)
    navigation = page.locator("nav.main-nav")
    for label in NAVIGATION:
        expect(navigation.get_by_role("link", name=translated(language, label))).to_be_visible()
        if language != "en":
            expect(navigation.get_by_role("link", name=label, exact=True)).to_have_count(0)
    account = page.locator("nav.account-nav")
    expect(account).to_contain_text(translated(language, account_link))
    expect(
        page.get_by_role("link", name=translated(language, "Skip to main content"))
    ).to_be_attached()


def test_a_visitor_switches_to_spanish_then_french(page: Page) -> None:
    visit(page, "/trainings/")
    expect_interface_in(page, "en", "Sign in")

    switch_language(page, to="es", shown_in="en")
    assert page.url.endswith("/trainings/")
    expect_interface_in(page, "es", "Sign in")

    switch_language(page, to="fr", shown_in="es")
    assert page.url.endswith("/trainings/")
    expect_interface_in(page, "fr", "Sign in")

    visit(page, "/events/")
    expect_interface_in(page, "fr", "Sign in")


def test_a_member_switches_and_the_choice_is_kept(page: Page) -> None:
    member: Member = make_member(
        display_name="Camille Lefèvre", email="camille@example.org", interface_language="en"
    )
    sign_in(page, member)
    visit(page, "/forums/")
    expect_interface_in(page, "en", "Sign out")

    switch_language(page, to="es", shown_in="en")
    expect_interface_in(page, "es", "Sign out")
    member.refresh_from_db()
    assert member.interface_language == "es"

    switch_language(page, to="fr", shown_in="es")
    expect_interface_in(page, "fr", "Sign out")
    member.refresh_from_db()
    assert member.interface_language == "fr"

    page.context.clear_cookies(name="tertulia_language")
    visit(page, "/resources/")
    expect_interface_in(page, "fr", "Sign out")
