"""The facilitators' decision on a suggested training, and telling the member.

The member who suggested the training gets a mail (until the notifications app takes
this over): sent by a background task after the decision is committed, in the
member's own interface language, with the facilitator's reason when declined.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from tertulia.accounts.models import Member
from tertulia.core.validators import validate_multiline_text
from tertulia.trainings.models import REASON_MAX, Training, TrainingStatus
from tertulia.trainings.permissions import check_review_trainings
from tertulia.trainings.queries import forget_language_choices


def _tell_suggester(training: Training, actor: Member) -> None:
    """Mail the member who suggested it, unless they decided it themselves."""
    if training.suggested_by_id is None or training.suggested_by_id == actor.pk:
        return
    decision, reason = str(training.status), str(training.decline_reason)
    training_id = training.pk
    transaction.on_commit(
        lambda: send_review_mail.enqueue(training_id=training_id, decision=decision, reason=reason)
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


def _review_mail(
    training: Training, member: Member, decision: str, reason: str
) -> EmailMultiAlternatives:
    url = settings.SITE_URL + reverse(
        "training-detail", kwargs={"training_id": training.pk, "slug": training.slug}
    )
    context = {
        "member": member,
        "training": training,
        "published": decision == TrainingStatus.PUBLISHED,
        "reason": reason,
        "training_url": url,
        "suggest_url": settings.SITE_URL + reverse("training-suggest"),
    }
    with translation.override(member.interface_language or settings.LANGUAGE_CODE):
        if decision == TrainingStatus.PUBLISHED:
            subject = _("Your training suggestion is published: %(title)s")
        else:
            subject = _("Your training suggestion was declined: %(title)s")
        subject = subject % {"title": training.title}
        text = render_to_string("trainings/review_mail.txt", context)
        html = render_to_string("trainings/review_mail.html", context)
    mail = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[member.email]
    )
    mail.attach_alternative(html, "text/html")
    return mail


@task()
def send_review_mail(training_id: int, decision: str, reason: str) -> bool:
    """Tell the member who suggested a training what the facilitators decided."""
    training = Training.objects.select_related("suggested_by").filter(pk=training_id).first()
    if training is None or training.suggested_by is None or not training.suggested_by.is_active:
        return False
    _review_mail(training, training.suggested_by, decision, reason).send()
    return True
