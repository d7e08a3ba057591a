"""Which edition of an issue a reader gets.

An issue has an edition in each language a facilitator wrote it in. A reader gets the
edition in their interface language; when the issue has none, the English one; when it
has no English edition either, the first edition in the order English, Spanish, French.
So a member who reads Tertulia in French gets the French edition if there is one, else
the English one, and nobody is ever left without a newsletter because their language
is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from django.conf import settings

# The interface languages, in the order the fallback tries them (English first).
EDITION_LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
FALLBACK_LANGUAGE = "en"


def edition_language(reader_language: str, available: Iterable[str]) -> str | None:
    """The language of the edition a reader of `reader_language` gets; None if none exist."""
    languages = set(available)
    if reader_language in languages:
        return reader_language
    if FALLBACK_LANGUAGE in languages:
        return FALLBACK_LANGUAGE
    for code in EDITION_LANGUAGES:
        if code in languages:
            return code
    return None


class _InLanguage(Protocol):
    @property
    def language(self) -> str: ...


InLanguage = TypeVar("InLanguage", bound=_InLanguage)


def pick_edition(reader_language: str, editions: Iterable[InLanguage]) -> InLanguage | None:
    """The edition (anything with a `language`) a reader of `reader_language` gets."""
    by_language = {edition.language: edition for edition in editions}
    chosen = edition_language(reader_language, by_language)
    return by_language[chosen] if chosen is not None else None
