"""Calendar files: one event's .ics, the public feed of upcoming events, a member's
private feed at a secret address, and the form that gives that address a new secret.

Calendar programs cannot sign in, so the feeds are open to visitors: the public one
lists only what the events pages show visitors (nothing when the community is
members-only), the private one is reached by its token alone.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tertulia.core.access import open_to_visitors
from tertulia.core.models import SiteSettings
from tertulia.core.redirects import safe_next
from tertulia.events import calendars
from tertulia.events.models import CalendarFeed, Event, EventSpeaker
from tertulia.events.services.calendar_feeds import reset_calendar_feed, revoke_calendar_feed
from tertulia.events.views.common import signed_in_member
from tertulia.forums.views.attachments import content_disposition

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(body: bytes, filename: str, *, private: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = content_disposition("attachment", filename)
    # A private feed must not sit in shared caches; the public ones may, briefly.
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    """One event as an .ics file (the "add to my calendar" download)."""
    speakers = Prefetch("event_speakers", queryset=EventSpeaker.objects.select_related("speaker"))
    event = get_object_or_404(Event.objects.prefetch_related(speakers), pk=event_id)
    return _calendar_response(calendars.event_ics(event), f"{event.slug or 'event'}.ics")


@open_to_visitors
@require_GET
def events_calendar_feed(request: HttpRequest) -> HttpResponse:
    """Upcoming events for calendar programs to subscribe to."""
    if SiteSettings.current().members_only:
        raise Http404
    return _calendar_response(calendars.public_feed(), "tertulia-events.ics")


@open_to_visitors
@require_GET
def member_calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A member's registrations; an unknown or replaced token is a 404."""
    feed = CalendarFeed.objects.select_related("member").filter(token=token).first()
    if feed is None or not feed.member.is_active:
        raise Http404
    return _calendar_response(
        calendars.member_feed(feed.member), "my-tertulia-events.ics", private=True
    )


def _back(request: HttpRequest) -> HttpResponse:
    try:
        fallback = reverse("my-events")
    except NoReverseMatch:
        fallback = "/"
    return redirect(safe_next(request, fallback))


@login_required
@require_POST
def calendar_feed_reset(request: HttpRequest) -> HttpResponse:
    """Give the private calendar address a new secret (or make the first one)."""
    reset_calendar_feed(signed_in_member(request))
    messages.success(
        request,
        _("Your private calendar address is ready. Any address you shared before no longer works."),
    )
    return _back(request)


@login_required
@require_POST
def calendar_feed_revoke(request: HttpRequest) -> HttpResponse:
    """Turn the private calendar address off."""
    revoke_calendar_feed(signed_in_member(request))
    messages.success(request, _("Your private calendar address no longer works."))
    return _back(request)
