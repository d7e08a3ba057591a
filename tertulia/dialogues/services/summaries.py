"""The summary facilitators write of a dialogue's discussion, and its publication.

A summary is written as a draft (only facilitators read it) and published when ready;
publishing records the time, and editing a published summary keeps it published.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.core.validators import validate_multiline_text
from tertulia.dialogues.models import TEXT_MAX, Dialogue
from tertulia.dialogues.permissions import check_manage_dialogues


def save_summary(
    actor: Member, dialogue: Dialogue, *, text: str, publish: bool | None = None
) -> Dialogue:
    """Keep the summary's text; `publish=True` publishes it, `False` takes it back."""
    check_manage_dialogues(actor)
    text = text.replace("\r\n", "\n").replace("\x00", "").strip()
    if len(text) > TEXT_MAX:
        raise ValidationError(
            {
                "text": _("Keep the summary under %(limit)s characters; it has %(length)s.")
                % {"limit": TEXT_MAX, "length": len(text)}
            }
        )
    try:
        validate_multiline_text(text)
    except ValidationError as error:
        raise ValidationError({"text": error.messages}) from None
    if publish and not text:
        raise ValidationError({"text": _("Write the summary before publishing it.")})
    now = timezone.now()
    with transaction.atomic():
        locked = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
        locked.summary_text = text
        locked.summary_html = render_markdown(text)
        if publish is True and locked.summary_published_at is None:
            locked.summary_published_at = now
        elif publish is False or not text:
            locked.summary_published_at = None
        locked.updated_at = now
        locked.save(
            update_fields=["summary_text", "summary_html", "summary_published_at", "updated_at"]
        )
    return locked
