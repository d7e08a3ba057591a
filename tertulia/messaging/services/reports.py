"""Reporting a private message to the facilitators, and their resolving it.

A report shows facilitators that one message and its author, never the rest of the
conversation.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.messaging.models import REPORT_REASON_MAX, Message, MessageReport, Participant
from tertulia.messaging.permissions import check_moderate_reports, check_report


def _clean_reason(reason: str) -> str:
    reason = reason.replace("\x00", "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Tell the facilitators what is wrong with this message.")}
        )
    if len(reason) > REPORT_REASON_MAX:
        raise ValidationError(
            {
                "reason": _("Your reason is %(length)s characters long; keep it under %(limit)s.")
                % {"length": f"{len(reason):,}", "limit": f"{REPORT_REASON_MAX:,}"}
            }
        )
    return reason


def report_message(
    member: Member, seat: Participant, message: Message, *, reason: str
) -> MessageReport:
    """Once per reporter per message; a second report is refused with a message."""
    check_report(member, seat, message)
    cleaned = _clean_reason(reason)
    already = ValidationError(_("You have already reported this message."), code="already")
    if MessageReport.objects.filter(message=message, reporter=member).exists():
        raise already
    try:
        with transaction.atomic():
            return MessageReport.objects.create(message=message, reporter=member, reason=cleaned)
    except IntegrityError:
        raise already from None


def resolve_report(facilitator: Member, report: MessageReport) -> MessageReport:
    check_moderate_reports(facilitator)
    if report.resolved_at is None:
        now = timezone.now()
        MessageReport.objects.filter(pk=report.pk, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=facilitator
        )
        report.resolved_at, report.resolved_by = now, facilitator
    return report
