"""Template filters for showing attachments: what kind of file, and a thumbnail's size."""

from __future__ import annotations

from django import template

from tertulia.core.uploads import thumbnail_size
from tertulia.forums.models import Attachment
from tertulia.forums.services.attachments import THUMBNAIL_SIDE
from tertulia.forums.uploads import type_label

register = template.Library()


@register.filter
def file_type(attachment: Attachment) -> str:
    """ "Word document", "PDF document"...: what members call the file's type."""
    return type_label(str(attachment.content_type))


@register.filter
def thumbnail_width(attachment: Attachment) -> int:
    return thumbnail_size(attachment.width or 1, attachment.height or 1, THUMBNAIL_SIDE)[0]


@register.filter
def thumbnail_height(attachment: Attachment) -> int:
    return thumbnail_size(attachment.width or 1, attachment.height or 1, THUMBNAIL_SIDE)[1]
