"""Small filters for the library's templates."""

from __future__ import annotations

from html import unescape
from urllib.parse import urlsplit

from django import template
from django.utils.html import strip_tags

from tertulia.core.languages import language_name as _language_name

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The name of a language code in the interface language ("es" gives "Spanish")."""
    return _language_name(str(code))


@register.filter
def link_host(url: str) -> str:
    """The site a link leads to, without "www.": members see where they are going."""
    host = urlsplit(str(url)).hostname or ""
    return host.removeprefix("www.")


@register.filter
def plain_text(html: str) -> str:
    """Rendered Markdown as plain text for an excerpt (entities decoded, escaped again
    by the template)."""
    return unescape(strip_tags(str(html)))
