"""Who may run dialogues and read what they hold.

Everyone who may read the site reads a dialogue, its discussion and its published
summary; facilitators create and edit dialogues, add webinars and materials, write the
summary and export the proceedings. `can_*` returns a bool (templates, queries);
`check_*` raises PermissionDenied with a message for the member (services, views).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tertulia.accounts.permissions import Viewer, is_facilitator
from tertulia.dialogues.models import Dialogue


def can_manage_dialogues(viewer: Viewer) -> bool:
    return is_facilitator(viewer)


def check_manage_dialogues(viewer: Viewer) -> None:
    if not can_manage_dialogues(viewer):
        raise PermissionDenied(_("Only facilitators can run virtual dialogues."))


def can_export_proceedings(viewer: Viewer, dialogue: Dialogue) -> bool:
    return can_manage_dialogues(viewer)


def check_export_proceedings(viewer: Viewer, dialogue: Dialogue) -> None:
    if not can_export_proceedings(viewer, dialogue):
        raise PermissionDenied(_("Only facilitators can export a dialogue's proceedings."))


def can_read_summary(viewer: Viewer, dialogue: Dialogue) -> bool:
    """A summary is public once published; facilitators read their draft before that."""
    if dialogue.summary_published_at is not None and dialogue.summary_html:
        return True
    return can_manage_dialogues(viewer) and bool(dialogue.summary_html)
