"""What a member typed, read as words and phrases: no full-text syntax ever gets through.

Only letters and digits survive (`WORD`): quotes, `*`, `-`, `:`, parentheses, `^`,
SQL fragments and operators such as NEAR, AND or OR are either separators or plain
words. Double quotes around words ask for them as a phrase. Backends quote every
word they pass on, so nothing a member types is read as query syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tertulia.search.text import WORD

MAX_QUERY_LENGTH = 200  # characters read from the query box; the rest is ignored
MAX_WORDS = 16  # words searched for; more would make a slow query for little gain


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # the query as searched (after truncation)
    terms: tuple[str, ...] = ()  # words outside quotes, as typed
    phrases: tuple[tuple[str, ...], ...] = ()  # words inside quotes, two or more
    truncated: bool = False  # the query was longer than MAX_QUERY_LENGTH
    dropped_words: bool = False  # more than MAX_WORDS words: the rest were left out
    all_words: tuple[str, ...] = field(default=(), repr=False)  # terms and phrase words

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases


def parse_query(raw: str) -> ParsedQuery:
    """Split a query into words and quoted phrases; never raises."""
    text = raw.replace("\x00", "").strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH]
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    budget = MAX_WORDS
    # Even pieces are outside quotes, odd ones inside; an unclosed quote runs to the end.
    for number, piece in enumerate(text.split('"')):
        found = [match.group() for match in WORD.finditer(piece)][:budget]
        budget -= len(found)
        if number % 2 == 1 and len(found) > 1:
            phrases.append(tuple(found))
        else:
            terms.extend(found)
    total = sum(1 for piece in text.split('"') for _ in WORD.finditer(piece))
    unique_terms = tuple(dict.fromkeys(terms))
    return ParsedQuery(
        text=text,
        terms=unique_terms,
        phrases=tuple(dict.fromkeys(phrases)),
        truncated=truncated,
        dropped_words=total > MAX_WORDS,
        all_words=tuple(dict.fromkeys([*terms, *(w for p in phrases for w in p)])),
    )
