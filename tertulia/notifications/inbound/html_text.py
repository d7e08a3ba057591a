"""Plain text of an HTML-only mail, the quoted part left out.

nh3 (html5ever) first reduces whatever a mail client wrote, however broken, to a small
well-formed set of tags, dropping scripts, styles and comments; the standard library's
HTMLParser then walks that and writes text: blocks and <br> become line breaks, list
items get a dash, links become Markdown links (what members write is Markdown).

Quoted mail is left out by its markup: <blockquote> (Thunderbird, Apple Mail, Gmail),
Gmail's `gmail_quote` and signature blocks, Yahoo's `yahoo_quoted`; Outlook's
`appendonsend` / `divRplyFwdMsg` markers end the new text (what follows is the quoted
message). Outlook's plain "From: … Sent: …" blocks are found later, in the text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

KEPT_TAGS = {
    "a", "blockquote", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "ol", "p", "pre", "table", "td", "th", "tr", "ul",
}  # fmt: skip
BLOCK_TAGS = {"div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "ul", "ol"}
PARAGRAPH_TAGS = {"p", "pre", "blockquote"}
QUOTE_CLASSES = {
    "gmail_quote",
    "gmail_quote_container",
    "gmail_signature",
    "yahoo_quoted",
    "moz-signature",
}
END_MARKER_IDS = {"appendonsend", "divrplyfwdmsg"}
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _is_quote(tag: str, attrs: dict[str, str]) -> bool:
    if tag == "blockquote":
        return True
    classes = set(attrs.get("class", "").lower().split())
    return bool(classes & QUOTE_CLASSES)


class _TextWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0  # >0 while inside a quote: count nested tags
        self.pre_depth = 0
        self.ended = False
        self.links: list[tuple[str, int]] = []  # (href, index in parts where text began)
        self.list_counters: list[int | None] = []

    def _newlines(self, count: int) -> None:
        self.parts.append("\n" * count)

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        if self.ended:
            return
        attrs = {name: value or "" for name, value in attr_list}
        if self.skip_depth:
            if tag not in {"br", "hr"}:
                self.skip_depth += 1
            return
        if attrs.get("id", "").lower() in END_MARKER_IDS:
            self.ended = True
            return
        if _is_quote(tag, attrs):
            self.skip_depth = 1
            return
        if tag == "br":
            self._newlines(1)
        elif tag in PARAGRAPH_TAGS:
            self._newlines(2)
            self.pre_depth += tag == "pre"
        elif tag in BLOCK_TAGS:
            self._newlines(1)
            if tag in {"ul", "ol"}:
                self.list_counters.append(0 if tag == "ol" else None)
        elif tag == "li":
            self._newlines(1)
            counter = self.list_counters[-1] if self.list_counters else None
            if counter is None:
                self.parts.append("- ")
            else:
                self.list_counters[-1] = counter + 1
                self.parts.append(f"{counter + 1}. ")
        elif tag in {"td", "th"}:
            self.parts.append(" ")
        elif tag == "a":
            self.links.append((attrs.get("href", ""), len(self.parts)))

    def handle_endtag(self, tag: str) -> None:
        if self.ended:
            return
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag in PARAGRAPH_TAGS:
            self._newlines(2)
            self.pre_depth -= tag == "pre" and self.pre_depth > 0
        elif tag in BLOCK_TAGS:
            self._newlines(1)
            if tag in {"ul", "ol"} and self.list_counters:
                self.list_counters.pop()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:]).strip()
            del self.parts[start:]
            target = href.removeprefix("mailto:")
            if not href or label in (target, href):
                self.parts.append(label or target)
            elif not label:
                self.parts.append(href)
            else:
                self.parts.append(f"[{label}]({href})")

    def handle_data(self, data: str) -> None:
        if self.ended or self.skip_depth:
            return
        self.parts.append(data if self.pre_depth else _SPACES.sub(" ", data))

    def text(self) -> str:
        lines = [line.strip() for line in "".join(self.parts).split("\n")]
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(markup: str) -> str:
    """The readable text of a mail's HTML part, quotes and signatures left out."""
    cleaned = nh3.clean(
        markup,
        tags=KEPT_TAGS,
        attributes={"a": {"href"}, "div": {"class", "id"}, "blockquote": {"class"}},
        clean_content_tags={"script", "style", "title"},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    writer = _TextWriter()
    writer.feed(cleaned)
    writer.close()
    return writer.text()
