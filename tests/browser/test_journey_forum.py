"""A member signs in, starts a thread with a picture, replies, and quotes a post."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum
from tests.browser.conftest import check_accessibility, submit, visit
from tests.factories import DEFAULT_PASSWORD, make_forum, make_member, make_thread
from tests.images import jpeg_with_gps

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def forum() -> Forum:
    return make_forum(
        title="General Discussion Forum", slug="general", languages=["en", "es", "fr"]
    )


@pytest.fixture
def author() -> Member:
    return make_member(display_name="Ana María Quispe", email="ana@example.org")


def sign_in(page: Page, member: Member) -> None:
    visit(page, "/accounts/login/")
    page.get_by_label("Email:").fill(member.email)
    page.get_by_label("Password:").fill(DEFAULT_PASSWORD)
    submit(page, "Sign In")
    expect(page.get_by_role("banner")).to_contain_text(member.display_name)


def test_start_a_thread_with_a_picture_then_reply_and_quote(
    page: Page, forum: Forum, author: Member, tmp_path: object
) -> None:
    other = make_member(display_name="Wanjiru Kamau", email="wanjiru@example.org")
    make_thread(forum=forum, author=other, title="Herramientas para talleres", body="¿Qué usan?")
    sign_in(page, author)

    visit(page, "/forums/general/")
    visit(page, "/forums/general/new/")
    page.get_by_label("Title").fill("Photos from our Lima workshop")
    page.get_by_label("Your message").fill("We tried the **power walk** exercise.")
    page.get_by_label("File 1").set_input_files(
        files=[{"name": "20170913_102718.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}]
    )
    page.get_by_label("Description of picture 1").fill("Twelve trainers standing in a circle")
    submit(page, "Start the thread")

    expect(page.get_by_role("heading", level=1)).to_have_text("Photos from our Lima workshop")
    expect(page.get_by_role("img", name="Twelve trainers standing in a circle")).to_be_visible()
    expect(page.get_by_text("20170913_102718.jpg")).to_be_visible()

    page.get_by_label("Your message").fill("And a second thought on the exercise.")
    submit(page, "Post reply")
    expect(page.get_by_text("And a second thought on the exercise.")).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("link", name="Quote Ana María Quispe").first.click()
    check_accessibility(page)
    assert "power walk" in page.get_by_label("Your message").input_value()
    page.get_by_label("Your message").press("End")
    page.get_by_label("Your message").type("\n\nQuoting myself, to be clear.")
    submit(page, "Post reply")
    expect(page.locator("blockquote").last).to_contain_text("power walk")
    expect(page.get_by_text("Quoting myself, to be clear.")).to_be_visible()
