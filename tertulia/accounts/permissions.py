"""Who may see and do what with members and their profiles.

`can_*` answers with a bool (for templates and queries); `check_*` raises
PermissionDenied (for services and views).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member, Role, Visibility

Viewer = Member | AnonymousUser


def is_member(viewer: Viewer) -> bool:
    return isinstance(viewer, Member) and viewer.is_active


def is_facilitator(viewer: Viewer) -> bool:
    if not isinstance(viewer, Member) or not viewer.is_active:
        return False
    return viewer.role == Role.FACILITATOR or viewer.is_staff


def is_staff(viewer: Viewer) -> bool:
    return isinstance(viewer, Member) and viewer.is_active and viewer.is_staff


def can_view_profile(viewer: Viewer, member: Member) -> bool:
    if isinstance(viewer, Member) and viewer.pk == member.pk:
        return True
    if not member.is_active:
        return is_staff(viewer)
    if member.profile_visibility == Visibility.MEMBERS:
        return is_member(viewer)
    return True


def check_view_profile(viewer: Viewer, member: Member) -> None:
    if not can_view_profile(viewer, member):
        raise PermissionDenied(_("This profile is visible to signed-in members only."))


def can_see_email(viewer: Viewer, member: Member) -> bool:
    if isinstance(viewer, Member) and viewer.pk == member.pk:
        return True
    return bool(member.show_email) and is_member(viewer)


def can_edit_profile(viewer: Viewer, member: Member) -> bool:
    return is_member(viewer) and viewer.pk == member.pk


def check_edit_profile(viewer: Viewer, member: Member) -> None:
    if not can_edit_profile(viewer, member):
        raise PermissionDenied(_("You can only change your own profile."))


def can_access_facilitator_area(viewer: Viewer) -> bool:
    return is_facilitator(viewer)


def check_access_facilitator_area(viewer: Viewer) -> None:
    if not can_access_facilitator_area(viewer):
        raise PermissionDenied(_("This area is for facilitators."))
