"""The facilitators' decision on a suggested training, and telling the member.

The member who suggested the training is told through the notifications app's
`notify()` (a "suggestion approved / declined" notification with the facilitator's
reason when declined), written in the same transaction as the decision and mailed after
commit if they want mail. Each decision is taken on the locked, re-read row, so a
double click or two facilitators deciding the same thing tell the member once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.validators import validate_multiline_text
from tertulia.notifications.models import Kind
from tertulia.notifications.services import notify
from tertulia.trainings.models import REASON_MAX, Training, TrainingStatus
from tertulia.trainings.permissions import check_review_trainings
from tertulia.trainings.queries import forget_language_choices


def _tell_suggester(training: Training, actor: Member) -> None:
    """Notify the member who suggested it, unless they decided it themselves."""
    member = training.suggested_by
    if member is None:
        return
    if training.status == TrainingStatus.PUBLISHED:
        with translation.override(member.interface_language or settings.LANGUAGE_CODE):
            snippet = _("It is now listed in the trainings database.")
        notify(
            member,
            Kind.SUGGESTION_APPROVED,
            actor=actor,
            url=reverse(
                "training-detail", kwargs={"training_id": training.pk, "slug": training.slug}
            ),
            params={"subject": training.title},
            snippet=snippet,
        )
    else:
        notify(
            member,
            Kind.SUGGESTION_DECLINED,
            actor=actor,
            url=reverse("training-suggest"),
            params={"subject": training.title},
            snippet=training.decline_reason,
        )


def _locked_decision(training: Training) -> tuple[str, str]:
    """Lock the training's row and read its current decision (status, reason)."""
    status, reason = (
        Training.objects.select_for_update()
        .filter(pk=training.pk)
        .values_list("status", "decline_reason")
        .get()
    )
    return str(status), str(reason)


def publish_training(actor: Member, training: Training) -> Training:
    """Publish a waiting (or earlier declined) suggestion."""
    check_review_trainings(actor)
    with transaction.atomic():
        # Locked and re-read: two facilitators (or a double click) publish once, mail once.
        status, _reason = _locked_decision(training)
        if status == TrainingStatus.PUBLISHED:
            training.status = TrainingStatus.PUBLISHED
            return training
        now = timezone.now()
        training.status = TrainingStatus.PUBLISHED
        training.decline_reason = ""
        training.reviewed_by = actor
        training.published_at = now
        training.updated_at = now
        training.save(
            update_fields=["status", "decline_reason", "reviewed_by", "published_at", "updated_at"]
        )
        transaction.on_commit(forget_language_choices)
        _tell_suggester(training, actor)
    return training


def _clean_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why, so the member understands and can suggest it again better.")}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {
                "reason": _("Keep the reason under %(limit)s characters; it has %(length)s.")
                % {"limit": f"{REASON_MAX:,}", "length": f"{len(reason):,}"}
            }
        )
    try:
        validate_multiline_text(reason)
    except ValidationError as problem:
        raise ValidationError({"reason": problem.messages}) from problem
    return reason


def decline_training(actor: Member, training: Training, *, reason: str) -> Training:
    """Decline a suggestion (or take a published training down) with a reason the member reads."""
    check_review_trainings(actor)
    reason = _clean_reason(reason)
    with transaction.atomic():
        if _locked_decision(training) == (TrainingStatus.DECLINED, reason):
            training.status, training.decline_reason = TrainingStatus.DECLINED, reason
            return training  # the same decision sent twice: one mail
        training.status = TrainingStatus.DECLINED
        training.decline_reason = reason
        training.reviewed_by = actor
        training.published_at = None
        training.updated_at = timezone.now()
        training.save(
            update_fields=["status", "decline_reason", "reviewed_by", "published_at", "updated_at"]
        )
        transaction.on_commit(forget_language_choices)
        _tell_suggester(training, actor)
    return training
