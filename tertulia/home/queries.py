"""What the home page shows, gathered from every app in a fixed number of queries.

The home page sits above every other app so that it may read from all of them; each app
adds its section here as it arrives (open dialogue, upcoming events, latest discussions,
new resources, closing trainings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone

from tertulia.accounts import queries as accounts_queries
from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.core.models import SiteSettings
from tertulia.core.timezones import UTC
from tertulia.dialogues.queries.lists import DialogueCard, current_dialogues
from tertulia.events.models import Event, EventSpeaker, EventStatus
from tertulia.forums.models import Thread
from tertulia.forums.queries import lists as forum_lists

LATEST_DISCUSSIONS = 5
NEXT_EVENTS = 5
ANNOUNCED_DIALOGUES = 3


@dataclass(frozen=True)
class HomePage:
    member_count: int
    country_count: int
    newest_members: list[Member]
    show_community: bool
    latest_threads: list[Thread] = field(default_factory=list)
    open_dialogues: list[DialogueCard] = field(default_factory=list)
    announced_dialogues: list[DialogueCard] = field(default_factory=list)
    next_events: list[Event] = field(default_factory=list)


def next_events(now: datetime, limit: int = NEXT_EVENTS) -> list[Event]:
    """The next scheduled events (one still running counts), soonest first: two queries."""
    return list(
        Event.objects.filter(status=EventStatus.SCHEDULED, ends_at__gt=now)
        .order_by("starts_at", "pk")
        .defer("description", "description_html")
        .prefetch_related(
            Prefetch(
                "event_speakers",
                queryset=EventSpeaker.objects.select_related("speaker").order_by("position", "pk"),
            )
        )[:limit]
    )


def home_page(viewer: Viewer, zone: str = UTC) -> HomePage:
    """Everything the home page shows; `zone` is the viewer's, for the dialogues' dates."""
    show = is_member(viewer) or not SiteSettings.current().members_only
    if not show:
        return HomePage(accounts_queries.member_count(), 0, [], show_community=False)
    now = timezone.now()
    stats = accounts_queries.community_stats()
    dialogues = current_dialogues(zone, now, with_latest_past=False)
    return HomePage(
        member_count=stats.members,
        country_count=stats.countries,
        newest_members=accounts_queries.newest_members(viewer),
        show_community=True,
        latest_threads=forum_lists.recent_threads(viewer, limit=LATEST_DISCUSSIONS),
        open_dialogues=dialogues.open,
        announced_dialogues=dialogues.announced[:ANNOUNCED_DIALOGUES],
        next_events=next_events(now),
    )
