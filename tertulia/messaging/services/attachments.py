"""Files on private messages, checked exactly as the forums check theirs.

The form validates each file with the forums' `validate_upload` (content signature,
pictures re-encoded without EXIF) and `validate_alt_texts`; this module stores what
passed under generated names, inside the caller's transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tertulia.accounts.models import Member
from tertulia.forums.services.attachments import ValidatedUpload, validate_alt_texts
from tertulia.messaging.models import Message, MessageAttachment

logger = logging.getLogger(__name__)

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
    storage = MessageAttachment._meta.get_field("file").storage
    written: list[str] = []
    try:
        with transaction.atomic():
            attachments = []
            for upload, alt_text in zip(uploads, descriptions, strict=True):
                attachment = MessageAttachment(
                    message=message,
                    uploader=uploader,
                    kind=upload.kind,
                    original_name=upload.original_name,
                    content_type=upload.content_type,
                    size=upload.size,
                    width=upload.width,
                    height=upload.height,
                    alt_text=alt_text,
                )
                upload.file.seek(0)
                attachment.file.save(str(upload.file.name), upload.file, save=False)
                written.append(attachment.file.name)
                if upload.thumbnail is not None:
                    upload.thumbnail.seek(0)
                    attachment.thumbnail.save(
                        str(upload.thumbnail.name), upload.thumbnail, save=False
                    )
                    written.append(attachment.thumbnail.name)
                attachments.append(attachment)
            return MessageAttachment.objects.bulk_create(attachments)
    except BaseException:
        for name in written:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove the unattached file %s", name)
        raise
