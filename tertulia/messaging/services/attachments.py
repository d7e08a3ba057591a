"""Files on private messages, checked exactly as the forums check theirs.

The form validates each file with the forums' `validate_upload` (content signature,
pictures re-encoded without EXIF) and `validate_alt_texts`; this module stores what
passed under generated names, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tertulia.accounts.models import Member
from tertulia.forums.services.attachments import (
    ValidatedUpload,
    store_uploads,
    validate_alt_texts,
)
from tertulia.messaging.models import Message, MessageAttachment

MAX_ATTACHMENTS_PER_MESSAGE = 3


def check_attachment_count(count: int) -> None:
    if count > MAX_ATTACHMENTS_PER_MESSAGE:
        raise ValidationError(
            ngettext(
                "A message can carry at most %(limit)s file.",
                "A message can carry at most %(limit)s files.",
                MAX_ATTACHMENTS_PER_MESSAGE,
            )
            % {"limit": MAX_ATTACHMENTS_PER_MESSAGE},
            code="too_many_files",
        )


def attach_uploads(
    uploader: Member,
    message: Message,
    uploads: Sequence[ValidatedUpload],
    alt_texts: Sequence[str],
) -> list[MessageAttachment]:
    """Store validated uploads on the message. Files written here are removed on failure."""
    if not uploads:
        return []
    if message.author_id != uploader.pk:
        raise ValidationError(_("You can only attach files to your own messages."))
    check_attachment_count(len(uploads))
    descriptions = validate_alt_texts(uploads, alt_texts)
    return store_uploads(
        MessageAttachment, uploads, descriptions, message=message, uploader=uploader
    )
