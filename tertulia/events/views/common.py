"""Small helpers the event views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from tertulia.accounts.middleware import zone_for
from tertulia.accounts.models import Member
from tertulia.events.models import Event


def signed_in_member(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user


def event_url(event: Event, anchor: str = "") -> str:
    url = reverse("event-detail", kwargs={"event_id": event.pk, "slug": event.slug})
    return f"{url}#{anchor}" if anchor else url


def error_text(error: ValidationError) -> str:
    """A service's ValidationError as one sentence or a few, for a message."""
    return " ".join(str(message) for message in error.messages)


def viewer_zone(request: HttpRequest) -> str:
    """The zone the page is shown in (set by the middleware; worked out again if not)."""
    zone = getattr(request, "time_zone", "")
    return str(zone) if zone else zone_for(request)
