"""Member Markdown becomes safe HTML."""

from __future__ import annotations

import re

import pytest

from tertulia.core.markdown import render_markdown


def test_commonmark_tables_strikethrough_and_autolinks() -> None:
    html = render_markdown("**bold** ~~gone~~ www.unwomen.org\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<strong>bold</strong>" in html
    assert "<s>gone</s>" in html
    assert '<a href="http://www.unwomen.org" rel="nofollow ugc noopener">' in html
    assert "<table>" in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        '<img src=x onerror="alert(1)">',
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src=//evil.example></iframe>",
        '<p style="position:fixed">x</p>',
    ],
)
def test_script_and_dangerous_links_never_survive(source: str) -> None:
    html = render_markdown(source).lower()
    assert "<script" not in html
    assert "<iframe" not in html
    assert not re.search(r"<[^>]+\s(on\w+|style)=", html)
    assert not re.search(r"(href|src)=\"(javascript|data|vbscript):", html)


def test_deeply_nested_quotes_are_flattened_not_fatal() -> None:
    html = render_markdown("> " * 10_000 + "deep")
    # markdown-it stops nesting at a fixed depth, so the page stays small and renders.
    assert 0 < html.count("<blockquote>") <= 100
    assert len(html) < 10_000
