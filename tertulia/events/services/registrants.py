"""What facilitators do with an event's registrants: export them as CSV and write to them.

A message to registrants is checked here, then sent by a background task, one mail per
member (so nobody sees the others' addresses), each in the member's own interface
language for the few words around the facilitator's text.
"""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.core.validators import validate_multiline_text, validate_single_line_text
from tertulia.events.models import Event, Registration, RegistrationStatus
from tertulia.events.permissions import check_manage_event

SUBJECT_MAX = 150
MESSAGE_MAX = 10_000
# Spreadsheets run cells that start with these as formulas ("CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _attendance(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


def registrants_csv(actor: Member, event: Event) -> str:
    """Every registration (registered, waiting list in order, cancelled) as CSV text."""
    check_manage_event(actor, event)
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("member")
        .order_by("status", "waitlisted_at", "created_at", "id")
    )
    labels = dict(RegistrationStatus.choices)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Name"),
            _("Email"),
            _("Country"),
            _("Time zone"),
            _("Status"),
            _("Registered on (UTC)"),
            _("Attended"),
        ]
    )
    for registration in registrations:
        member = registration.member
        writer.writerow(
            [
                _cell(member.display_name),
                _cell(member.email),
                _cell(member.country),
                _cell(member.time_zone),
                _cell(labels.get(registration.status, registration.status)),
                registration.created_at.strftime("%Y-%m-%d %H:%M"),
                _attendance(registration.attended),
            ]
        )
    return out.getvalue()


def _clean_message(subject: str, message: str) -> tuple[str, str]:
    errors: dict[str, str] = {}
    subject = subject.strip()
    message = message.strip()
    if not subject:
        errors["subject"] = _("Give your message a subject.")
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = _("A subject can be at most %(limit)s characters long.") % {
            "limit": SUBJECT_MAX
        }
    else:
        try:
            validate_single_line_text(subject)
        except ValidationError as problem:
            errors["subject"] = " ".join(problem.messages)
    if not message:
        errors["message"] = _("Write the message before sending it.")
    elif len(message) > MESSAGE_MAX:
        errors["message"] = _(
            "A message can be at most %(limit)s characters long; yours has %(length)s."
        ) % {"limit": f"{MESSAGE_MAX:,}", "length": f"{len(message):,}"}
    else:
        try:
            validate_multiline_text(message)
        except ValidationError as problem:
            errors["message"] = " ".join(problem.messages)
    if errors:
        raise ValidationError(errors)
    return subject, message


def email_registrants(actor: Member, event: Event, *, subject: str, message: str) -> int:
    """Send a message to everyone registered (not the waiting list); the number of them.

    The mail goes out after the request, through a task."""
    check_manage_event(actor, event)
    subject, message = _clean_message(subject, message)
    count = Registration.objects.filter(
        event=event, status=RegistrationStatus.REGISTERED, member__is_active=True
    ).count()
    transaction.on_commit(
        lambda: send_registrants_message.enqueue(
            event_id=event.pk, sender_id=actor.pk, subject=subject, message=message
        )
    )
    return count


def _message_for(
    member: Member, event: Event, sender: Member, subject: str, message: str
) -> EmailMultiAlternatives:
    event_url = settings.SITE_URL + reverse(
        "event-detail", kwargs={"event_id": event.pk, "slug": event.slug}
    )
    context = {
        "member": member,
        "event": event,
        "sender": sender,
        "message": message,
        "message_html": render_markdown(message),
        "event_url": event_url,
    }
    with translation.override(member.interface_language or settings.LANGUAGE_CODE):
        text = render_to_string("events/registrants_message.txt", context)
        html = render_to_string("events/registrants_message.html", context)
    mail = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.email],
    )
    mail.attach_alternative(html, "text/html")
    return mail


@task()
def send_registrants_message(event_id: int, sender_id: int, subject: str, message: str) -> int:
    """Mail a facilitator's message to each registered member; the number of mails sent."""
    event = Event.objects.filter(pk=event_id).first()
    sender = Member.objects.filter(pk=sender_id).first()
    if event is None or sender is None:
        return 0
    members = Member.objects.filter(
        event_registrations__event=event,
        event_registrations__status=RegistrationStatus.REGISTERED,
        is_active=True,
    ).order_by("pk")
    sent = 0
    for member in members:
        _message_for(member, event, sender, subject, message).send()
        sent += 1
    return sent
