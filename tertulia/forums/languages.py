"""Which language a post is written in, guessed from its text.

The detector knows only the community's languages, so it is small and fast; it is
built once, on first use, because building it loads language models into memory.
Short texts ("Thanks!") give no reliable signal, so they fall back to English and the
author can correct the choice in the form.
"""

from __future__ import annotations

from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from tertulia.core.languages import CONTENT_LANGUAGES, content_language_choices

__all__ = [
    "CONTENT_LANGUAGES",
    "DEFAULT_LANGUAGE",
    "content_language_choices",
    "detect_language",
    "is_content_language",
]

DEFAULT_LANGUAGE = "en"
# Below this many letters the guess is more often wrong than right.
MIN_LETTERS = 20

_LANGUAGES = {
    code: Language.from_iso_code_639_1(IsoCode639_1.from_str(code)) for code in CONTENT_LANGUAGES
}


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_LANGUAGES.values()).build()


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language, or "en" when unsure."""
    if sum(char.isalpha() for char in text) < MIN_LETTERS:
        return DEFAULT_LANGUAGE
    detected = _detector().detect_language_of(text)
    if detected is None:
        return DEFAULT_LANGUAGE
    return detected.iso_code_639_1.name.lower()


def is_content_language(code: str) -> bool:
    return code in _LANGUAGES
