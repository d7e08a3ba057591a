"""A member's private calendar feed: a secret address listing their registrations.

The token is the only key, so the address is shown to its member alone; resetting it
makes a new one and the old address stops working at once (404), and revoking removes
the feed until the member asks for one again.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import is_member
from tertulia.events.models import CalendarFeed, new_feed_token


def _check_own_feed(member: Member) -> None:
    if not is_member(member):
        raise PermissionDenied(_("Sign in to have a private calendar address."))


def calendar_feed_for(member: Member) -> CalendarFeed:
    """The member's feed, made on first use."""
    _check_own_feed(member)
    try:
        with transaction.atomic():
            feed, _created = CalendarFeed.objects.get_or_create(member=member)
    except IntegrityError:  # made by a parallel request a moment ago
        feed = CalendarFeed.objects.get(member=member)
    return feed


def reset_calendar_feed(member: Member) -> CalendarFeed:
    """A new secret address; the old one stops working."""
    _check_own_feed(member)
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(member=member)
        if not created:
            feed.token = new_feed_token()
            feed.created_at = timezone.now()
            feed.save(update_fields=["token", "created_at"])
    return feed


def revoke_calendar_feed(member: Member) -> bool:
    """Remove the member's feed; True when there was one."""
    _check_own_feed(member)
    deleted, _details = CalendarFeed.objects.filter(member=member).delete()
    return bool(deleted)
