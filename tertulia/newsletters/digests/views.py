"""One-click unsubscribe from a digest (RFC 8058), reached from the mail without signing in."""

from __future__ import annotations

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from tertulia.core.access import open_to_visitors
from tertulia.newsletters.digests.cadences import CADENCES, Cadence
from tertulia.newsletters.digests.mail import UNSUBSCRIBE_KIND, digest_label
from tertulia.newsletters.digests.services import turn_off_digest
from tertulia.notifications.tokens import read_unsubscribe_token

INVALID_TEMPLATE = "notifications/unsubscribe_invalid.html"


@open_to_visitors
@csrf_exempt  # RFC 8058: mail providers POST here without a session; the token is the proof
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        target = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, INVALID_TEMPLATE, status=400)
    if target.kind != UNSUBSCRIBE_KIND or target.scope not in CADENCES:
        return render(request, INVALID_TEMPLATE, status=400)
    context = {"digest_label": digest_label(Cadence(target.scope))}
    if request.method == "POST":
        if not turn_off_digest(target.member_id, target.scope):
            return render(request, INVALID_TEMPLATE, status=400)
        return render(request, "newsletters/digest/unsubscribe_done.html", context)
    return render(request, "newsletters/digest/unsubscribe_confirm.html", context)
