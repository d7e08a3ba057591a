"""Filters for the dialogue pages.

{{ dialogue.number|dialogue_name }}  -> "10th Virtual Dialogue", "10.º Diálogo Virtual"
{{ code|language_label }}            -> "Spanish", "espagnol"
{{ html|nested_headings }}           -> member-written HTML with its headings one level down
"""

from __future__ import annotations

import re

from django import template
from django.utils.safestring import SafeString, mark_safe

from tertulia.core.languages import language_name
from tertulia.dialogues import ordinals

register = template.Library()


@register.filter
def dialogue_name(number: int) -> str:
    return ordinals.dialogue_name(int(number))


@register.filter
def ordinal(number: int) -> str:
    return ordinals.ordinal(int(number))


@register.filter
def language_label(code: str) -> str:
    """A language's name in the interface language, for any ISO 639-1 code."""
    return language_name(str(code))


_HEADING = re.compile(r"<(/?)h([2-6])\b")


@register.filter
def nested_headings(html: str, levels: int = 1) -> SafeString:
    """Member-written HTML placed under a page's heading: its h2 become h3 (with `levels`
    1), and so on down to h6, so the page's outline stays in order. The HTML was
    sanitised when it was rendered; only tag names change here."""
    shift = max(int(levels), 0)
    return mark_safe(  # noqa: S308  # sanitised HTML, only heading tag names change
        _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}", str(html))
    )
