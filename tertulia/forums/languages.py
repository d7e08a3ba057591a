"""Which language a post is written in, guessed from its text.

The detector knows only the community's languages, so it is small and fast; it is
built once, on first use, because building it loads language models into memory.
Short texts ("Thanks!") give no reliable signal, so they fall back to English and the
author can correct the choice in the form.
"""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from tertulia.core.languages import language_name

DEFAULT_LANGUAGE = "en"
# Below this many letters the guess is more often wrong than right.
MIN_LETTERS = 20

_LANGUAGES = {
    "en": Language.ENGLISH,
    "es": Language.SPANISH,
    "fr": Language.FRENCH,
    "pt": Language.PORTUGUESE,
    "ar": Language.ARABIC,
}
CONTENT_LANGUAGES = tuple(_LANGUAGES)


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


def content_language_choices() -> list[tuple[str, str]]:
    """The languages a member may mark a thread as written in, named in the interface language."""
    return [(code, language_name(code)) for code in CONTENT_LANGUAGES]


def is_content_language(code: str) -> bool:
    return code in _LANGUAGES
