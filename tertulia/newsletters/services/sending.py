"""Sending an issue: a test to oneself, the real sending, and resuming a stalled one.

"Send" is a conditional UPDATE of the issue's status (draft → sending): of two clicks,
or two POSTs racing each other, exactly one finds the issue still a draft and queues the
sending; the other changes nothing. The batches themselves are in delivery.py.
"""

from __future__ import annotations

import smtplib
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.newsletters import tasks
from tertulia.newsletters.mail import build_newsletter_mail, render_edition
from tertulia.newsletters.models import Edition, Issue, IssueStatus
from tertulia.newsletters.permissions import check_manage_newsletter


def send_test(actor: Member, issue_id: int, language: str) -> str:
    """Mail the edition to the facilitator alone, now; the address it went to."""
    check_manage_newsletter(actor)
    edition = (
        Edition.objects.filter(issue_id=issue_id, language=language)
        .prefetch_related("sections")
        .first()
    )
    if edition is None:
        if not Issue.objects.filter(pk=issue_id).exists():
            raise Http404
        raise ValidationError({"language": _("This issue has no edition in that language.")})
    rendered = render_edition(edition, list(edition.sections.all()))
    subject = _("Test: %(subject)s") % {"subject": rendered.subject}
    message = build_newsletter_mail(rendered, actor, subject=subject)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        raise ValidationError(
            _("The test could not be sent (%(error)s). Try again in a moment.")
            % {"error": type(error).__name__}
        ) from error
    return str(actor.email)


def start_sending(actor: Member, issue_id: int) -> bool:
    """Start mailing the issue to every member who gets it; False when it was already
    being sent or sent (a second click)."""
    check_manage_newsletter(actor)
    with transaction.atomic():
        issue = Issue.objects.filter(pk=issue_id).first()
        if issue is None:
            raise Http404
        if issue.status == IssueStatus.DRAFT and not Edition.objects.filter(issue=issue).exists():
            raise ValidationError(_("Write at least one edition before sending."))
        now = timezone.now()
        started = Issue.objects.filter(pk=issue_id, status=IssueStatus.DRAFT).update(
            status=IssueStatus.SENDING,
            send_requested_by=actor,
            send_requested_at=now,
            updated_at=now,
        )
        if started:
            transaction.on_commit(partial(tasks.queue_issue_sending, issue_id))
    return bool(started)


def resume_sending(actor: Member | None, issue_id: int) -> bool:
    """Queue the sending again (after a worker died and its queue entry with it); the
    claims make a second sender harmless. `actor` None: the `resume_newsletters` command."""
    if actor is not None:
        check_manage_newsletter(actor)
    if not Issue.objects.filter(pk=issue_id, status=IssueStatus.SENDING).exists():
        return False
    transaction.on_commit(partial(tasks.queue_issue_sending, issue_id))
    return True
