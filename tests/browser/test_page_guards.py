"""The browser checks themselves: the journeys' guard against CSP violations and outside
requests catches them, and the time zone script fills what the server needs."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Trouble

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_blocked_inline_style_and_an_outside_request_fail_the_check(
    browser: Browser, live_server: Any
) -> None:
    context = browser.new_context(base_url=live_server.url)
    trouble = Trouble()
    trouble.watch(context)
    try:
        page = context.new_page()
        page.goto("/accessibility/")
        trouble.check(page.url)  # the page itself is clean

        with page.expect_console_message():
            page.evaluate(
                """() => document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>'
                    + '<img src="https://example.org/pixel.png" alt="">')"""
            )
        page.wait_for_timeout(200)
        with pytest.raises(AssertionError) as failure:
            trouble.check(page.url)
    finally:
        context.close()
    message = str(failure.value)
    assert "CSP violation" in message
    assert "request leaving this machine: https://example.org/pixel.png" in message


def test_the_browser_time_zone_reaches_the_sign_up_form_and_the_server(
    browser: Browser, live_server: Any
) -> None:
    context = browser.new_context(base_url=live_server.url, timezone_id="America/Lima")
    try:
        page = context.new_page()
        page.goto("/accounts/signup/")
        zone_field = page.locator('input[type="hidden"][name="time_zone"]')
        page.wait_for_function(
            "() => document.querySelector('input[type=hidden][name=time_zone]').value !== ''"
        )
        assert zone_field.input_value() == "America/Lima"
        cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
        assert cookies["tertulia_tz"] == "America%2FLima"
    finally:
        context.close()
