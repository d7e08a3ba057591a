"""Files on private messages, served through Django to the conversation's participants only.

Served as forum files are (forums.views.attachments.serve_attachment): the member's name
in Content-Disposition (RFC 6266), `nosniff`, a sandboxing Content-Security-Policy, and a
private cache.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tertulia.forums.views.attachments import serve_attachment
from tertulia.messaging.models import MessageAttachment
from tertulia.messaging.queries import attachment_for_download


def _serve(attachment: MessageAttachment, *, thumbnail: bool) -> FileResponse:
    return serve_attachment(attachment, thumbnail=thumbnail, is_image=attachment.is_image)


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
