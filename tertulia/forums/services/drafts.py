"""Reply drafts: one per member per thread, kept while they type and when a post fails."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.forums.models import POST_BODY_MAX, Draft, Thread
from tertulia.forums.permissions import check_read_thread


def save_draft(member: Member, thread: Thread, body: str) -> Draft | None:
    """Keep what the member has typed; an empty box removes the draft."""
    check_read_thread(member, thread)
    body = body.replace("\x00", "")
    if not body.strip():
        discard_draft(member, thread)
        return None
    if len(body) > POST_BODY_MAX:
        raise ValidationError(
            _("This text is too long to keep as a draft (%(limit)s characters at most).")
            % {"limit": f"{POST_BODY_MAX:,}"},
            code="too_long",
        )
    draft, _created = Draft.objects.update_or_create(
        member=member, thread=thread, defaults={"body": body, "updated_at": timezone.now()}
    )
    return draft


def discard_draft(member: Member, thread: Thread) -> None:
    Draft.objects.filter(member=member, thread=thread).delete()
