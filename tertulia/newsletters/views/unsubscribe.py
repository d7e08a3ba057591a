"""One-click opt-out from the newsletter (RFC 8058), without signing in."""

from __future__ import annotations

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from tertulia.core.access import open_to_visitors
from tertulia.newsletters.services.subscriptions import set_newsletter_opt_out
from tertulia.newsletters.tokens import UNSUBSCRIBE_KIND
from tertulia.notifications.tokens import read_unsubscribe_token

INVALID_TEMPLATE = "notifications/unsubscribe_invalid.html"


@open_to_visitors
@csrf_exempt  # RFC 8058: mail providers POST here without a session; the token is the proof
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        target = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, INVALID_TEMPLATE, status=400)
    if target.kind != UNSUBSCRIBE_KIND:
        return render(request, INVALID_TEMPLATE, status=400)
    if request.method == "POST":
        if not set_newsletter_opt_out(target.member_id, True):
            return render(request, INVALID_TEMPLATE, status=400)
        return render(request, "newsletters/unsubscribe_done.html")
    # A GET only asks: link scanners in mail filters open every link in a message.
    return render(request, "newsletters/unsubscribe_confirm.html", {"token": token})


urlpatterns = [
    path("unsubscribe/<str:token>/", newsletter_unsubscribe, name="newsletter-unsubscribe"),
]
