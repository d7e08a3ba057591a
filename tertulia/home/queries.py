"""What the home page shows, gathered from every app in a fixed number of queries.

The home page sits above every other app so that it may read from all of them; each app
adds its section here as it arrives (open dialogue, upcoming events, latest discussions,
new resources, closing trainings).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tertulia.accounts import queries as accounts_queries
from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.core.models import SiteSettings
from tertulia.forums.models import Thread
from tertulia.forums.queries import lists as forum_lists

LATEST_DISCUSSIONS = 5


@dataclass(frozen=True)
class HomePage:
    member_count: int
    country_count: int
    newest_members: list[Member]
    show_community: bool
    latest_threads: list[Thread] = field(default_factory=list)


def home_page(viewer: Viewer) -> HomePage:
    show = is_member(viewer) or not SiteSettings.current().members_only
    if not show:
        return HomePage(accounts_queries.member_count(), 0, [], show_community=False)
    stats = accounts_queries.community_stats()
    return HomePage(
        member_count=stats.members,
        country_count=stats.countries,
        newest_members=accounts_queries.newest_members(viewer),
        show_community=True,
        latest_threads=forum_lists.recent_threads(viewer, limit=LATEST_DISCUSSIONS),
    )
