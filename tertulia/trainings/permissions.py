"""Who may suggest, see, edit and review trainings.

Members suggest; a suggestion waits for a facilitator, who publishes or declines it.
Facilitators may publish directly and edit any training. The member who suggested a
training may still correct it while it waits, and sees it (with its decision) after.

`can_*` returns a bool (templates, queries); `check_*` raises PermissionDenied (services).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_facilitator, is_member
from tertulia.trainings.models import Training, TrainingStatus


def _is_suggester(viewer: Viewer, training: Training) -> bool:
    return (
        isinstance(viewer, Member)
        and is_member(viewer)
        and training.suggested_by_id is not None
        and training.suggested_by_id == viewer.pk
    )


def can_suggest_training(viewer: Viewer) -> bool:
    return is_member(viewer)


def check_suggest_training(viewer: Viewer) -> None:
    if not can_suggest_training(viewer):
        raise PermissionDenied(_("Sign in to suggest a training."))


def can_review_trainings(viewer: Viewer) -> bool:
    """Publish, decline and edit any training, and publish one's own directly."""
    return is_facilitator(viewer)


def check_review_trainings(viewer: Viewer) -> None:
    if not can_review_trainings(viewer):
        raise PermissionDenied(_("Only facilitators can publish or decline trainings."))


def can_view_training(viewer: Viewer, training: Training) -> bool:
    if training.status == TrainingStatus.PUBLISHED:
        return True
    return can_review_trainings(viewer) or _is_suggester(viewer, training)


def check_view_training(viewer: Viewer, training: Training) -> None:
    if not can_view_training(viewer, training):
        raise PermissionDenied(_("This training is not published."))


def can_edit_training(viewer: Viewer, training: Training) -> bool:
    if can_review_trainings(viewer):
        return True
    return training.status == TrainingStatus.PENDING and _is_suggester(viewer, training)


def check_edit_training(viewer: Viewer, training: Training) -> None:
    if not can_edit_training(viewer, training):
        raise PermissionDenied(
            _("Only facilitators can change this training. Write to them with the correction.")
        )


def can_manage_discussion(viewer: Viewer) -> bool:
    """Link a training to a discussion thread, or start one for it."""
    return is_facilitator(viewer)


def check_manage_discussion(viewer: Viewer) -> None:
    if not can_manage_discussion(viewer):
        raise PermissionDenied(_("Only facilitators can link a training to a discussion."))
