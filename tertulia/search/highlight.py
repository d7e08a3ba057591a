"""Titles and snippets with the matched words in `<mark>`, everything else escaped.

Done in Python, the same way on both databases: a word is marked when its index term
(stemmed in the document's language, folded) is one of the query's index terms in any
query language, so "trainings" marks "training" and "formacion" marks "formación".
Member text is escaped piece by piece; the only markup in the result is our `<mark>`.
"""

from __future__ import annotations

from collections import deque

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tertulia.search.query import ParsedQuery
from tertulia.search.text import QUERY_LANGUAGES, WORD, base_language, index_term

SNIPPET_WORDS = 32  # words shown in a snippet
WORDS_BEFORE = 8  # words kept before the first match
SCAN_CHARS = 20_000  # a match further into a long text is not looked for
ELLIPSIS = "…"


def query_terms(query: ParsedQuery) -> frozenset[str]:
    """Every form the query's words take in the index, in every query language."""
    return frozenset(
        index_term(word, language) for word in query.all_words for language in QUERY_LANGUAGES
    )


def _marked(text: str, spans: list[tuple[int, int, bool]], start: int, end: int) -> str:
    pieces: list[str] = []
    cursor = start
    for word_start, word_end, hit in spans:
        if not hit:
            continue
        pieces.append(escape(text[cursor:word_start]))
        pieces.append(f"<mark>{escape(text[word_start:word_end])}</mark>")
        cursor = word_end
    pieces.append(escape(text[cursor:end]))
    return "".join(pieces)


def highlight(text: str, language: str, terms: frozenset[str]) -> SafeString:
    """The whole text (a title), escaped, its matched words marked."""
    code = base_language(language)
    spans = [
        (m.start(), m.end(), index_term(m.group(), code) in terms) for m in WORD.finditer(text)
    ]
    return mark_safe(_marked(text, spans, 0, len(text)))  # noqa: S308 - pieces escaped


def snippet(text: str, language: str, terms: frozenset[str]) -> SafeString:
    """About SNIPPET_WORDS words around the first match (or the opening words), marked."""
    code = base_language(language)
    before: deque[tuple[int, int, bool]] = deque(maxlen=WORDS_BEFORE)
    spans: list[tuple[int, int, bool]] = []
    found = False
    for match in WORD.finditer(text, 0, min(len(text), SCAN_CHARS)):
        hit = index_term(match.group(), code) in terms
        span = (match.start(), match.end(), hit)
        if found:
            spans.append(span)
            if len(spans) >= SNIPPET_WORDS:
                break
        elif hit:
            found = True
            spans = [*before, span]
        else:
            before.append(span)
    if not found:
        spans = []
        for match in WORD.finditer(text):
            spans.append((match.start(), match.end(), False))
            if len(spans) >= SNIPPET_WORDS:
                break
    if not spans:
        return mark_safe("")
    start = spans[0][0]
    end = spans[-1][1]
    # Keep the punctuation that closes the last word ("done." not "done").
    if end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    prefix = ELLIPSIS + " " if start > 0 else ""
    suffix = " " + ELLIPSIS if text[end:].strip() else ""
    return mark_safe(escape(prefix) + _marked(text, spans, start, end) + escape(suffix))  # noqa: S308
