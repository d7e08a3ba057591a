"""Real-browser tests: Debian's Chromium driven by Playwright, with axe-core on every page.

Each journey runs twice, with JavaScript on and off (the `js` parameter), against
pytest-django's `live_server`. `visit(page, url)` loads a page and fails the test on
any WCAG 2.x A/AA violation that axe-core finds there. Every page checked, and the whole
journey at its end, also fails on a Content-Security-Policy violation reported in the
console and on any request the browser sends anywhere but this machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    sync_playwright,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Whether each open browser context runs JavaScript (Playwright does not say).
JS_ENABLED: dict[int, bool] = {}
AXE_RULESETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Where the pages may send requests: the test server on this machine, or nowhere at all.
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob", "about"}


@dataclass
class Trouble:
    """What went wrong in one browser context besides accessibility."""

    csp_violations: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        context.on("console", self._on_console)
        context.on("request", self._on_request)

    def _on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def _on_request(self, request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme not in LOCAL_SCHEMES and url.hostname not in LOCAL_HOSTS:
            self.outside_requests.append(request.url)

    def check(self, where: str) -> None:
        problems = [f"CSP violation: {text}" for text in self.csp_violations]
        problems += [f"request leaving this machine: {url}" for url in self.outside_requests]
        self.csp_violations.clear()
        self.outside_requests.clear()
        assert not problems, f"{where}:\n  " + "\n  ".join(problems)


# The trouble seen so far in each open browser context.
TROUBLE: dict[int, Trouble] = {}


@pytest.fixture(scope="package", autouse=True)
def _orm_beside_playwright() -> Iterator[None]:
    """The ORM is called from test code while Playwright's event loop runs in this thread.

    Allowed for the browser tests only (this package): set at import, it would switch
    Django's async safety check off for the whole run, and the async mail server's
    tests with it.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def playwright_driver(django_db_setup: None) -> Iterator[Playwright]:
    # For this package only: Playwright's event loop runs in this thread while it lives,
    # and Django's async safety check would then refuse the ORM in every later test of
    # the same worker. Made after the test database, so it is gone before the drop.
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def js(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def context(browser: Browser, js: bool, live_server: Any) -> Iterator[BrowserContext]:
    context = browser.new_context(
        java_script_enabled=js, base_url=live_server.url, locale="en-GB", timezone_id="UTC"
    )
    context.set_default_timeout(10_000)
    JS_ENABLED[id(context)] = js
    trouble = TROUBLE[id(context)] = Trouble()
    trouble.watch(context)
    yield context
    JS_ENABLED.pop(id(context), None)
    TROUBLE.pop(id(context), None)
    context.close()
    trouble.check("at the end of the journey")


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


class AccessibilityError(AssertionError):
    pass


def check_accessibility(page: Page) -> None:
    """Run axe-core on what the page shows; raise listing every WCAG A/AA violation.

    Also fails on any Content-Security-Policy violation or outside request seen in the
    page's browser context so far.

    With JavaScript off axe cannot run in the page itself, so the page's HTML, without
    its scripts, is loaded into a JavaScript-enabled page of the same origin (so its
    stylesheets load and contrast is checked) and axe runs there.
    """
    trouble = TROUBLE.get(id(page.context))
    if trouble is not None:
        trouble.check(page.url)
    if JS_ENABLED.get(id(page.context), True):
        run_axe(page, page)
        return
    browser = page.context.browser
    assert browser is not None
    origin = page.url.split("/", 3)[:3]
    checker_context = browser.new_context(base_url="/".join(origin))
    try:
        checker = checker_context.new_page()
        checker.goto(page.url)
        html = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.S | re.I)
        checker.set_content(html)
        run_axe(checker, page)
    finally:
        checker_context.close()


def run_axe(checker: Page, page: Page) -> None:
    # Injected by evaluate, not a <script> tag, so a Content-Security-Policy cannot block it.
    checker.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = checker.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": AXE_RULESETS, "resultTypes": ["violations"]},
    )
    violations = result["violations"]
    if violations:
        lines = [f"{page.url}:"]
        for violation in violations:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            lines.append(
                f"  {violation['id']} ({violation['impact']}): {violation['help']} — {targets}"
            )
        raise AccessibilityError("\n".join(lines))


def visit(page: Page, path: str) -> None:
    """Open a page of the site and check it with axe-core."""
    response = page.goto(path)
    assert response is not None
    assert response.status < 400, f"{path} answered {response.status}"
    check_accessibility(page)


def submit(page: Page, button_name: str) -> None:
    """Press a form's submit button, wait for the next page and check it with axe-core."""
    with page.expect_navigation():
        page.get_by_role("button", name=button_name).click()
    check_accessibility(page)
