from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tertulia.core.models import SiteSettings

# The main sections, in order; a section appears once its app provides the page.
NAVIGATION = (
    ("forum-index", pgettext_lazy("navigation", "Forums")),
    ("dialogue-list", _("Virtual dialogues")),
    ("event-list", _("Events")),
    ("resource-list", _("Resources")),
    ("training-list", _("Trainings")),
    ("member-directory", _("Members")),
)


def _navigation() -> list[tuple[str, str, str]]:
    links = []
    for name, label in NAVIGATION:
        try:
            links.append((name, reverse(name), str(label)))
        except NoReverseMatch:
            continue
    return links


def site(request: HttpRequest) -> dict[str, object]:
    match = request.resolver_match
    return {
        "site_settings": SiteSettings.current(),
        "interface_languages": settings.LANGUAGES,
        "navigation": _navigation(),
        "current_url_name": match.url_name if match else "",
    }
