"""Slugs for addresses: readable in any script, and short once percent-encoded.

A slug keeps the title's own letters (`allow_unicode`), but a browser, a mail client and
the notifications that store links see it percent-encoded: each Arabic letter becomes six
characters, each CJK character nine. So a slug is cut by its encoded length, between whole
characters, and every link built from it fits the columns that keep links.
"""

from __future__ import annotations

from urllib.parse import quote

from django.utils.text import slugify

ENCODED_MAX = 200


def within_encoded(slug: str, limit: int = ENCODED_MAX) -> str:
    """The longest start of `slug`, in whole characters, whose percent-encoding fits."""
    size = 0
    for position, char in enumerate(slug):
        size += len(quote(char))
        if size > limit:
            return slug[:position]
    return slug


def slug_for(title: str, *, limit: int, default: str) -> str:
    """A slug for the title, at most `limit` characters and ENCODED_MAX once encoded;
    `default` when the title has nothing a slug can keep."""
    slug = within_encoded(slugify(title, allow_unicode=True)[:limit]).strip("-")
    return slug or default
