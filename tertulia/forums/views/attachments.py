"""Downloading the files on posts, only for those who may read the post.

Files are served through Django rather than from /media/ so that every download asks
the same question the thread page asks (may this viewer see this post?). Members'
browsers keep a private copy for a month: on a slow link a picture is fetched once.
"""

from __future__ import annotations

import unicodedata
from typing import Protocol
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tertulia.forums.models import Attachment, AttachmentKind
from tertulia.forums.queries.attachments import attachment_for_download

PRIVATE_CACHE = "private, max-age=2592000"


def content_disposition(disposition: str, name: str) -> str:
    """`inline` or `attachment`, with an ASCII fallback name and the Unicode one (RFC 6266).

    `filename*` (RFC 5987) carries the member's own name, e.g. "Évaluation_2017.pdf";
    browsers too old for it get the accented letters without their accents.
    """
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    fallback = "".join(c if c.isprintable() and c not in '"\\;' else "_" for c in fallback)
    stem, dot, extension = fallback.rpartition(".") if "." in fallback else (fallback, "", "")
    if not stem.strip("._ "):  # nothing of the name survived but its extension
        fallback = f"attachment{dot}{extension}"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


class StoredAttachment(Protocol):
    """An uploaded file with its optional WebP thumbnail: a post's, or a message's."""

    @property
    def file(self) -> FieldFile: ...

    @property
    def thumbnail(self) -> FieldFile: ...

    @property
    def original_name(self) -> str: ...

    @property
    def content_type(self) -> str: ...


def serve_attachment(
    attachment: StoredAttachment, *, thumbnail: bool, is_image: bool
) -> FileResponse:
    """The file (or its thumbnail) with safe headers; pictures shown, documents saved."""
    field = attachment.thumbnail if thumbnail and attachment.thumbnail else attachment.file
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("This file is no longer stored.")) from None
    content_type = "image/webp" if field is attachment.thumbnail else attachment.content_type
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        "inline" if is_image else "attachment", str(attachment.original_name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser were talked into rendering a file as a page, it runs nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = PRIVATE_CACHE
    return response


def _serve(attachment: Attachment, *, thumbnail: bool) -> FileResponse:
    is_image = attachment.kind == AttachmentKind.IMAGE
    return serve_attachment(attachment, thumbnail=thumbnail, is_image=is_image)


@require_safe
def attachment_file(request: HttpRequest, attachment_id: int) -> FileResponse:
    return _serve(attachment_for_download(request.user, attachment_id), thumbnail=False)


@require_safe
def attachment_thumbnail(request: HttpRequest, attachment_id: int) -> FileResponse:
    attachment = attachment_for_download(request.user, attachment_id)
    if attachment.kind != AttachmentKind.IMAGE:
        raise Http404(_("Only pictures have thumbnails."))
    return _serve(attachment, thumbnail=True)


urlpatterns = [
    path("attachments/<int:attachment_id>/", attachment_file, name="attachment-file"),
    path(
        "attachments/<int:attachment_id>/thumb/",
        attachment_thumbnail,
        name="attachment-thumbnail",
    ),
]
