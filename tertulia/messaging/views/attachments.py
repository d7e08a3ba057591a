"""Files on private messages, served through Django to the conversation's participants only.

The same headers as forum files: the member's name in Content-Disposition (RFC 6266),
`nosniff`, a sandboxing Content-Security-Policy, and a private cache.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tertulia.messaging.models import MessageAttachment
from tertulia.messaging.queries import attachment_for_download

PRIVATE_CACHE = "private, max-age=2592000"


def content_disposition(disposition: str, name: str) -> str:
    """`inline` or `attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266)."""
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    fallback = "".join(c if c.isprintable() and c not in '"\\;' else "_" for c in fallback)
    if not fallback.rpartition(".")[0].strip("._ "):
        extension = name.rpartition(".")[2] if "." in name else ""
        fallback = f"attachment.{extension}" if extension.isascii() and extension else "attachment"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _serve(attachment: MessageAttachment, *, thumbnail: bool) -> FileResponse:
    field = attachment.thumbnail if thumbnail and attachment.thumbnail else attachment.file
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("This file is no longer stored.")) from None
    content_type = "image/webp" if field is attachment.thumbnail else attachment.content_type
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        "inline" if attachment.is_image else "attachment", str(attachment.original_name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = PRIVATE_CACHE
    return response


@login_required
@require_safe
def attachment_file(request: HttpRequest, attachment_id: int) -> FileResponse:
    return _serve(attachment_for_download(request.user, attachment_id), thumbnail=False)


@login_required
@require_safe
def attachment_thumbnail(request: HttpRequest, attachment_id: int) -> FileResponse:
    attachment = attachment_for_download(request.user, attachment_id)
    if not attachment.is_image:
        raise Http404(_("Only pictures have thumbnails."))
    return _serve(attachment, thumbnail=True)


urlpatterns = [
    path("files/<int:attachment_id>/", attachment_file, name="message-attachment"),
    path(
        "files/<int:attachment_id>/thumb/",
        attachment_thumbnail,
        name="message-attachment-thumbnail",
    ),
]
