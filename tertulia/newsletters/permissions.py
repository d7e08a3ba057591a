"""Who may compose and send the newsletter, and who may read an issue.

`can_*` answers with a bool (for templates); `check_*` raises PermissionDenied (for
services and views).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tertulia.accounts.permissions import Viewer, is_facilitator
from tertulia.newsletters.models import Issue, IssueStatus


def can_manage_newsletter(viewer: Viewer) -> bool:
    """Compose, preview, test and send issues: facilitators (and staff)."""
    return is_facilitator(viewer)


def check_manage_newsletter(viewer: Viewer) -> None:
    if not can_manage_newsletter(viewer):
        raise PermissionDenied(_("Only facilitators can compose and send the newsletter."))


def can_read_issue(issue: Issue) -> bool:
    """The archive shows sent issues to everyone; drafts stay with the facilitators,
    who read them through the preview."""
    return issue.status == IssueStatus.SENT
