"""Validators for text that members type: names, titles, short fields."""

from __future__ import annotations

import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Bidirectional overrides and isolates let a name display as something it is not
# ("Trojan Source"); ordinary right-to-left text needs none of them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def validate_single_line_text(value: str) -> None:
    """Reject control characters (including line breaks) and bidi overrides."""
    for char in value:
        if char in BIDI_CONTROLS:
            raise ValidationError(
                _("Remove the invisible text-direction characters from this field."),
                code="bidi_control",
            )
        if unicodedata.category(char) in {"Cc", "Cf"} and char not in {"\u200c", "\u200d"}:
            # Zero-width (non-)joiners are kept: Persian, Arabic and Indic names need them.
            raise ValidationError(
                _("Remove the invisible or control characters from this field."),
                code="control_character",
            )


def validate_multiline_text(value: str) -> None:
    """Like validate_single_line_text, but line breaks and tabs are allowed."""
    validate_single_line_text(value.replace("\n", "").replace("\r", "").replace("\t", ""))


def fold_for_search(value: str) -> str:
    """Lower-case and strip accents, so "Nadège" and "nadege" compare equal."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_id(raw: str) -> int | None:
    """A row id typed into a URL or form (1 to 18 ASCII digits), else None.

    `str.isdigit()` alone is not enough: "²" is a digit to it but not to `int()`.
    """
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        return None
    return int(raw)


FIRST_YEAR, LAST_YEAR = 1900, 2999


def validate_plausible_day(value: date) -> None:
    """Refuse days far outside any community's calendar (year 1900 to 2999), which
    would overflow when turned into instants in a time zone."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Give a date between the years %(first)s and %(last)s."),
            code="implausible_date",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )
