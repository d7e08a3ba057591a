"""The facilitators' theme list: every theme with how many published resources use it."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from tertulia.accounts.permissions import Viewer
from tertulia.core.models import Theme
from tertulia.library.models import ResourceStatus
from tertulia.library.permissions import check_manage_themes


def theme_list(viewer: Viewer) -> list[Theme]:
    """Themes by English name, each with `resource_count` (published resources)."""
    check_manage_themes(viewer)
    published = Q(resources__status=ResourceStatus.PUBLISHED)
    return list(Theme.objects.annotate(resource_count=Count("resources", filter=published)))


def theme_to_rename(viewer: Viewer, theme_id: int) -> Theme:
    check_manage_themes(viewer)
    theme = Theme.objects.filter(pk=theme_id).first()
    if theme is None:
        raise Http404(_("There is no such theme."))
    return theme
