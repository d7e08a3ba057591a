"""What a viewer may find: the access levels of the documents shown to them."""

from __future__ import annotations

from tertulia.accounts.permissions import Viewer, is_facilitator, is_member
from tertulia.core.models import SiteSettings
from tertulia.search.documents import EVERYONE, FACILITATORS, MEMBERS


def visible_access(viewer: Viewer) -> tuple[str, ...]:
    """Facilitators see everything indexed; members what members may read; visitors
    what everyone may read, unless the community is open to members only."""
    if is_facilitator(viewer):
        return (EVERYONE, MEMBERS, FACILITATORS)
    if is_member(viewer):
        return (EVERYONE, MEMBERS)
    if SiteSettings.current().members_only:
        return ()
    return (EVERYONE,)
