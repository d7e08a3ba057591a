"""Human languages: the ones members speak and write in, named in the viewer's language.

Names come from the Unicode CLDR (through Babel), so "Lingala", "lingala" and "lingala"
read right in English, Spanish and French; codes are ISO 639-1.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from django.utils.translation import get_language


@cache
def _names(interface_language: str) -> dict[str, str]:
    names = Locale.parse(interface_language).languages
    return {code: name for code, name in names.items() if len(code) == 2 and code.isalpha()}


SPOKEN_LANGUAGE_CODES = frozenset(_names("en"))
# The languages content (posts, resources, trainings, events...) is written in and
# searched by; the forums detect a text's language among these.
CONTENT_LANGUAGES = ("en", "es", "fr", "pt", "ar")


def _interface_language() -> str:
    return (get_language() or "en").split("-")[0]


def language_name(code: str) -> str:
    """The language's name in the active interface language ("Spanish", "español"...)."""
    name = _names(_interface_language()).get(code, code)
    return name[:1].upper() + name[1:]


def native_name(code: str) -> str:
    """The language's name in itself ("español", "français", "العربية")."""
    try:
        return str(Locale.parse(code).get_display_name(code) or code)
    except (ValueError, LookupError):
        return code


def spoken_language_choices() -> list[tuple[str, str]]:
    """Every language a member can say they speak, sorted by its displayed name."""
    return sorted(((c, language_name(c)) for c in SPOKEN_LANGUAGE_CODES), key=lambda c: c[1])


def content_language_choices() -> list[tuple[str, str]]:
    """The languages content may be marked as written in, named in the interface language."""
    return [(code, language_name(code)) for code in CONTENT_LANGUAGES]
