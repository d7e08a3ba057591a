"""What every response gets on its way out: policy headers, and compression for pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY, turning off browser features no page uses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.policy: str = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


# What is worth compressing: pages, feeds, calendars, JSON. Files that members upload
# (pictures, PDFs, office documents) are mostly compressed already and are sent as stored.
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
)


class CompressPagesMiddleware(GZipMiddleware):
    """gzip pages for browsers that accept it (static files come compressed from whitenoise).

    Django's GZipMiddleware pads each response with random bytes against BREACH.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.streaming or not response.get("Content-Type", "").startswith(
            COMPRESSIBLE_TYPES
        ):
            return response
        return super().process_response(request, response)
