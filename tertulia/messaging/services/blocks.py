"""Blocking: a blocked member can no longer start a conversation with the blocker nor
reply in a conversation the blocker is still in. The blocked member is not told."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.messaging.models import Block
from tertulia.messaging.permissions import check_use_messages


def block_member(member: Member, blocked: Member) -> Block:
    check_use_messages(member)
    if blocked.pk == member.pk:
        raise ValidationError(_("You cannot block yourself."), code="self")
    try:
        with transaction.atomic():
            block, _created = Block.objects.get_or_create(blocker=member, blocked=blocked)
    except IntegrityError:  # the same form sent twice at once
        block = Block.objects.get(blocker=member, blocked=blocked)
    return block


def unblock_member(member: Member, blocked: Member) -> None:
    check_use_messages(member)
    Block.objects.filter(blocker=member, blocked=blocked).delete()
