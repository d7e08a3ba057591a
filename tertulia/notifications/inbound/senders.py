"""Which member wrote: a sender's address against members' verified addresses."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from tertulia.accounts.models import Member


def member_for_address(address: str) -> Member | None:
    """The active member whose account address, or another verified address, this is."""
    if not address:
        return None
    member = Member.objects.filter(email__iexact=address, is_active=True).first()
    if member is not None:
        return member
    other = (
        EmailAddress.objects.filter(email__iexact=address, verified=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    return other.user if other is not None and isinstance(other.user, Member) else None


def is_address_of(member: Member, address: str) -> bool:
    if address and member.email.lower() == address.lower():
        return True
    verified = EmailAddress.objects.filter(user=member, email__iexact=address, verified=True)
    return bool(verified.exists())
