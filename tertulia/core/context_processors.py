"""What every page's base template reads: the site's settings, languages and sections."""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpRequest
from django.urls import (
    NoReverseMatch,
    URLResolver,
    get_resolver,
    get_script_prefix,
    get_urlconf,
    reverse,
)
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tertulia.core.models import SiteSettings

# The main sections, in order; a section appears once its app provides the page.
NAVIGATION = (
    ("forum-index", pgettext_lazy("navigation", "Forums")),
    ("dialogue-list", _("Virtual dialogues")),
    ("event-list", _("Events")),
    ("resource-list", _("Resources")),
    ("training-list", _("Trainings")),
    ("member-directory", _("Members")),
    ("search", _("Search")),
)


@functools.lru_cache(maxsize=32)
def _sections(
    urlconf: str | None, resolver: URLResolver, script_prefix: str, language: str | None
) -> tuple[tuple[str, str, str], ...]:
    """The sections whose page exists, with their addresses and names, once per set of
    URLs and language.

    Keyed by the URLconf and its resolver (which clear_url_caches() replaces, as tests
    that change the URLs do), the script prefix the addresses start with, and the
    language the names are in.
    """
    links = []
    for name, label in NAVIGATION:
        try:
            links.append((name, reverse(name, urlconf=urlconf), str(label)))
        except NoReverseMatch:
            continue
    return tuple(links)


def _navigation() -> tuple[tuple[str, str, str], ...]:
    urlconf = get_urlconf()
    return _sections(urlconf, get_resolver(urlconf), get_script_prefix(), get_language())


def site(request: HttpRequest) -> dict[str, object]:
    match = request.resolver_match
    return {
        "site_settings": SiteSettings.current(),
        "interface_languages": settings.LANGUAGES,
        "navigation": _navigation(),
        "current_url_name": match.url_name if match else "",
    }
