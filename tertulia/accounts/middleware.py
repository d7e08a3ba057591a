"""Per-request member preferences, and the members-only gate."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.functional import LazyObject, empty

from tertulia.accounts.models import Member
from tertulia.core.access import is_open_to_visitors
from tertulia.core.models import SiteSettings
from tertulia.core.timezones import UTC, is_valid_zone

# Set by static/core/tertulia.js from the browser, for visitors and new members.
TIME_ZONE_COOKIE = "tertulia_tz"
INTERFACE_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def zone_for(request: HttpRequest) -> str:
    """The viewer's zone: their profile, else their browser's, else UTC."""
    user = request.user
    if isinstance(user, Member) and user.time_zone and is_valid_zone(user.time_zone):
        return str(user.time_zone)
    from_browser = unquote(request.COOKIES.get(TIME_ZONE_COOKIE, ""))
    return from_browser if is_valid_zone(from_browser) else UTC


def _evaluated(user: Any) -> Any:
    """The member (or AnonymousUser) behind request.user's lazy wrapper.

    Every page needs the viewer (this middleware reads their language and zone), so the
    laziness buys nothing; and every read through Django's SimpleLazyObject costs a
    Python call, a few thousand per page (permissions, templates). The rest of the
    request gets the object itself, which LazyObject keeps in `_wrapped` once set up.
    """
    if isinstance(user, LazyObject):
        if user._wrapped is empty:  # type: ignore[attr-defined]  # set by LazyObject.__init__
            user._setup()  # type: ignore[attr-defined]  # SimpleLazyObject defines it
        return user._wrapped  # type: ignore[attr-defined]  # as above
    return user


class MemberPreferencesMiddleware:
    """Show every page in the member's language and time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user = _evaluated(request.user)
        if isinstance(user, Member) and user.interface_language in INTERFACE_LANGUAGES:
            translation.activate(user.interface_language)
            request.LANGUAGE_CODE = translation.get_language()
        zone = zone_for(request)
        request.time_zone = zone  # type: ignore[attr-defined]  # read by templates and views
        timezone.activate(zoneinfo.ZoneInfo(zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class MembersOnlyMiddleware:
    """When the community is members-only, send visitors to sign in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.user.is_authenticated or is_open_to_visitors(view_func):
            return None
        module = getattr(view_func, "__module__", "")
        if module.startswith(("allauth.", "django.contrib.admin", "django.views.static")):
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        if not SiteSettings.current().members_only:
            return None
        return redirect_to_login(request.get_full_path())
