"""The one attachment a download asks for, when the viewer may have it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from tertulia.accounts.permissions import Viewer
from tertulia.forums.models import Attachment
from tertulia.forums.permissions import can_open_attachment, can_read_thread
from tertulia.forums.queries.post_access import has_posted_in


def attachment_for_download(viewer: Viewer, attachment_id: int) -> Attachment:
    """The attachment with its post, thread and forum, or 403/404 for this viewer.

    A forum closed to the viewer answers 403 (signing in may help); a hidden, unapproved
    or not-yet-attached file answers 404, so its existence is not given away.
    """
    attachment = (
        Attachment.objects.select_related("post__thread__forum").filter(pk=attachment_id).first()
    )
    if attachment is None:
        raise Http404(_("There is no such file."))
    post = attachment.post
    if post is not None and not post.thread.is_hidden and not can_read_thread(viewer, post.thread):
        raise PermissionDenied(_("This file is in a forum that is not open to you."))
    has_posted = post is None or has_posted_in(viewer, post.thread)
    if not can_open_attachment(
        viewer, post, attachment.uploader_id, has_posted_in_thread=has_posted
    ):
        raise Http404(_("There is no such file."))
    return attachment
