"""Checking what members type into a message: its subject and its body."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tertulia.core.validators import validate_single_line_text
from tertulia.messaging.models import MESSAGE_BODY_MAX, SUBJECT_MAX


def clean_subject(subject: str) -> str:
    subject = " ".join(subject.replace("\x00", "").split())
    if not subject:
        raise ValidationError(_("Give your conversation a subject."), code="empty")
    if len(subject) > SUBJECT_MAX:
        raise ValidationError(
            _("The subject is %(length)s characters long; keep it under %(limit)s.")
            % {"length": f"{len(subject):,}", "limit": SUBJECT_MAX},
            code="too_long",
        )
    validate_single_line_text(subject)
    return subject


def clean_body(body: str) -> str:
    # PostgreSQL refuses NUL characters in text; nobody types them on purpose.
    body = body.replace("\x00", "")
    if not body.strip():
        raise ValidationError(_("Write a message before sending."), code="empty")
    body = body.rstrip().lstrip("\r\n")
    if len(body) > MESSAGE_BODY_MAX:
        raise ValidationError(
            _(
                "Your message is %(length)s characters long; a message can hold %(limit)s. "
                "Send it in several parts, or attach it as a document."
            )
            % {"length": f"{len(body):,}", "limit": f"{MESSAGE_BODY_MAX:,}"},
            code="too_long",
        )
    return body
