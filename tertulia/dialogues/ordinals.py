"""Ordinal numbers in the interface language: "10th", "10.º", "10e" (and "1er").

Ordinals cannot be translated as one string per number, and each language has its own
rule, so the number is made an ordinal here and the phrase around it ("%(ordinal)s
Virtual Dialogue") goes through gettext, where translators can move it. Spanish and
French ordinals agree with the noun; "diálogo" and "dialogue" are masculine in both.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import get_language
from django.utils.translation import gettext as _


def english_ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st, 22nd, 101st, 111th."""
    if 11 <= number % 100 <= 13:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def spanish_ordinal(number: int) -> str:
    """1.º, 2.º, 10.º: the masculine ordinal indicator after a full stop (RAE)."""
    return f"{number}.º"


def french_ordinal(number: int) -> str:
    """1er, then 2e, 10e, 21e: premier is the only irregular one."""
    return "1er" if number == 1 else f"{number}e"


_RULES: dict[str, Callable[[int], str]] = {
    "en": english_ordinal,
    "es": spanish_ordinal,
    "fr": french_ordinal,
}


def ordinal(number: int, language: str | None = None) -> str:
    """The number as an ordinal in `language` (default: the active interface language)."""
    code = (language or get_language() or "en").split("-")[0].lower()
    return _RULES.get(code, english_ordinal)(number)


def dialogue_name(number: int) -> str:
    """ "10th Virtual Dialogue", "10.º Diálogo Virtual", "10e dialogue virtuel"."""
    return _("%(ordinal)s Virtual Dialogue") % {"ordinal": ordinal(number)}
