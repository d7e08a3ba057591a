"""Turning what a member typed in "To" (names or email addresses) into members.

The form is a plain text box so that it works without JavaScript: names and addresses
are separated by commas, semicolons or new lines and resolved here, every problem
reported at once ("We found no member called …").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.validators import fold_for_search
from tertulia.messaging.models import Block
from tertulia.messaging.permissions import may_write_to_many

_SEPARATORS = re.compile(r"[,;\n\r]+")
# More names than a facilitator's largest list is not a list but a paste gone wrong.
MAX_TYPED_NAMES = 2_000


def max_recipients(sender: Member) -> int:
    if may_write_to_many(sender):
        return int(getattr(settings, "MESSAGING_MAX_RECIPIENTS_FACILITATOR", 500))
    return int(getattr(settings, "MESSAGING_MAX_RECIPIENTS", 10))


def split_names(text: str) -> list[str]:
    names: list[str] = []
    for raw in _SEPARATORS.split(text.replace("\x00", "")):
        name = " ".join(raw.split())
        if name and name not in names:
            names.append(name)
    return names


def _by_email(emails: Sequence[str]) -> dict[str, list[Member]]:
    found: dict[str, list[Member]] = {}
    if not emails:
        return found
    query = Q()
    for email in emails:
        query |= Q(email__iexact=email)
    for member in Member.objects.filter(query):
        found.setdefault(member.email.casefold(), []).append(member)
    return found


def _by_name(names: Sequence[str]) -> dict[str, list[Member]]:
    found: dict[str, list[Member]] = {}
    folded = {fold_for_search(name) for name in names}
    for member in Member.objects.filter(search_name__in=folded):
        found.setdefault(member.search_name, []).append(member)
    return found


def resolve_recipients(text: str, member_ids: Collection[int] = ()) -> list[Member]:
    """The members named in `text` and chosen by number; ValidationError lists the rest."""
    names = split_names(text)
    if len(names) > MAX_TYPED_NAMES:
        raise ValidationError(
            _("You typed %(count)s names; we read at most %(limit)s.")
            % {"count": f"{len(names):,}", "limit": f"{MAX_TYPED_NAMES:,}"},
            code="too_many",
        )
    emails = [name for name in names if "@" in name]
    plain = [name for name in names if "@" not in name]
    by_email = _by_email(emails)
    by_name = _by_name(plain)
    chosen: dict[int, Member] = {}
    unknown: list[str] = []
    ambiguous: list[str] = []
    inactive: list[str] = []

    def take(label: str, matches: list[Member]) -> None:
        active = [member for member in matches if member.is_active]
        if not matches:
            unknown.append(label)
        elif not active:
            inactive.append(label)
        elif len(active) > 1:
            ambiguous.append(label)
        else:
            chosen.setdefault(active[0].pk, active[0])

    for name in names:  # in the order typed, so errors read like the member's list
        if "@" in name:
            take(name, by_email.get(name.casefold(), []))
        else:
            take(name, by_name.get(fold_for_search(name), []))
    if member_ids:
        by_id = {member.pk: member for member in Member.objects.filter(pk__in=member_ids)}
        for member_id in member_ids:
            member = by_id.get(member_id)
            take(
                str(member.display_name) if member else f"#{member_id}", [member] if member else []
            )

    errors: list[ValidationError] = []
    if unknown:
        errors.append(
            ValidationError(
                _("We found no member called: %(names)s.") % {"names": ", ".join(unknown)},
                code="unknown",
            )
        )
    if ambiguous:
        errors.append(
            ValidationError(
                _("Several members are called %(names)s; write their email address instead.")
                % {"names": ", ".join(ambiguous)},
                code="ambiguous",
            )
        )
    if inactive:
        errors.append(
            ValidationError(
                _("These members have closed their account and cannot receive messages: %(names)s.")
                % {"names": ", ".join(inactive)},
                code="inactive",
            )
        )
    if errors:
        raise ValidationError(errors)
    return list(chosen.values())


def check_recipients(sender: Member, recipients: Sequence[Member]) -> list[Member]:
    """The recipients without the sender, or ValidationError saying why they cannot be."""
    others = [member for member in recipients if member.pk != sender.pk]
    if not recipients:
        raise ValidationError(_("Choose at least one member to write to."), code="empty")
    if not others:
        raise ValidationError(
            _("You cannot write only to yourself. Add at least one other member."),
            code="only_self",
        )
    inactive = [str(member.display_name) for member in others if not member.is_active]
    if inactive:
        raise ValidationError(
            _("These members have closed their account and cannot receive messages: %(names)s.")
            % {"names": ", ".join(inactive)},
            code="inactive",
        )
    limit = max_recipients(sender)
    if len(others) > limit:
        raise ValidationError(
            _("You can write to at most %(limit)s members at once; you chose %(count)s.")
            % {"limit": limit, "count": len(others)},
            code="too_many",
        )
    check_not_blocked(sender, others)
    return others


def check_not_blocked(sender: Member, recipients: Sequence[Member]) -> None:
    """Refuse members who blocked the sender, and members the sender blocked."""
    ids = [member.pk for member in recipients]
    blocks = list(
        Block.objects.filter(
            Q(blocker_id__in=ids, blocked=sender) | Q(blocker=sender, blocked_id__in=ids)
        ).values_list("blocker_id", "blocked_id")
    )
    if not blocks:
        return
    names = {member.pk: str(member.display_name) for member in recipients}
    blocking_me = sorted(names[blocker] for blocker, blocked in blocks if blocked == sender.pk)
    blocked_by_me = sorted(names[blocked] for blocker, blocked in blocks if blocker == sender.pk)
    errors: list[ValidationError] = []
    if blocking_me:
        errors.append(
            ValidationError(
                _("You cannot write to %(names)s.") % {"names": ", ".join(blocking_me)},
                code="blocked",
            )
        )
    if blocked_by_me:
        errors.append(
            ValidationError(
                _("You have blocked %(names)s. Unblock them first to write to them.")
                % {"names": ", ".join(blocked_by_me)},
                code="you_blocked",
            )
        )
    raise ValidationError(errors)
