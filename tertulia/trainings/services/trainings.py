"""Suggesting, editing and deleting trainings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.trainings.models import Training, TrainingStatus
from tertulia.trainings.permissions import (
    can_review_trainings,
    check_edit_training,
    check_review_trainings,
    check_suggest_training,
)
from tertulia.trainings.queries import forget_language_choices
from tertulia.trainings.services.details import TrainingDetails, apply_details, cleaned

# A member's suggestions waiting at once: enough for anyone, not enough to flood the queue.
MAX_PENDING_SUGGESTIONS = 10


def _check_pending_limit(member: Member) -> None:
    if can_review_trainings(member):
        return
    waiting = Training.objects.filter(suggested_by=member, status=TrainingStatus.PENDING)
    if waiting.count() >= MAX_PENDING_SUGGESTIONS:
        raise ValidationError(
            _(
                "You have %(count)s suggestions waiting for review. Please wait until the "
                "facilitators have looked at them before suggesting more."
            )
            % {"count": MAX_PENDING_SUGGESTIONS},
            code="too_many_pending",
        )


def suggest_training(
    member: Member, details: TrainingDetails, *, publish: bool = False
) -> Training:
    """A member's suggestion, waiting for a facilitator; a facilitator may publish it at once."""
    check_suggest_training(member)
    if publish:
        check_review_trainings(member)
    _check_pending_limit(member)
    details = cleaned(details)
    now = timezone.now()
    training = Training(suggested_by=member, created_at=now, updated_at=now)
    apply_details(training, details)
    if publish:
        training.status = TrainingStatus.PUBLISHED
        training.reviewed_by = member
        training.published_at = now
    with transaction.atomic():
        training.save()
        training.themes.set(details.themes)
        transaction.on_commit(forget_language_choices)
    return training


def update_training(actor: Member, training: Training, details: TrainingDetails) -> Training:
    """Change what a training says; its status stays as it is."""
    check_edit_training(actor, training)
    details = cleaned(details)
    apply_details(training, details)
    training.updated_at = timezone.now()
    with transaction.atomic():
        training.save()
        training.themes.set(details.themes)
        transaction.on_commit(forget_language_choices)
    return training


def delete_training(actor: Member, training: Training) -> None:
    check_review_trainings(actor)
    with transaction.atomic():
        training.delete()
        transaction.on_commit(forget_language_choices)
