"""Whether a member gets the newsletter: the choice at sign-up, and one-click opt-out.

The choice is `MailSettings.newsletter_opt_out` (notifications), the same field the
notification preferences page shows; a member without a settings row gets the newsletter.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tertulia.accounts.models import Member
from tertulia.notifications.models import MailSettings


def set_newsletter_opt_out(member_id: int, opted_out: bool) -> bool:
    """Turn the newsletter off (or on) for a member; False when the member is gone."""
    if not Member.objects.filter(pk=member_id).exists():
        return False
    with transaction.atomic():
        MailSettings.objects.update_or_create(
            member_id=member_id, defaults={"newsletter_opt_out": opted_out}
        )
    return True


def record_signup_choices(
    sender: object, *, member: Member, newsletter_opt_out: bool = False, **kwargs: Any
) -> None:
    """Receiver of accounts' `signed_up_with_choices`: keep the sign-up form's answer."""
    if newsletter_opt_out:
        set_newsletter_opt_out(member.pk, True)
