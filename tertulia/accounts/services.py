"""Every change to a member: sign-up details, profile, preferences, deactivation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from tertulia.accounts.models import Expertise, Member, MemberLanguage, Visibility
from tertulia.accounts.permissions import check_edit_profile
from tertulia.core.markdown import render_markdown
from tertulia.core.timezones import UTC, is_valid_zone
from tertulia.core.uploads import clean_image
from tertulia.core.validators import fold_for_search

AVATAR_SIDE = 256


def set_display_name(member: Member, display_name: str) -> None:
    """Keep the name whole (never split into first and last) and its search key in step."""
    member.display_name = " ".join(display_name.split())
    member.search_name = fold_for_search(member.display_name)


def prepare_new_member(
    member: Member, *, display_name: str, time_zone: str, interface_language: str
) -> None:
    """Fill in a member the sign-up form is about to save."""
    set_display_name(member, display_name)
    member.time_zone = time_zone if is_valid_zone(time_zone) else UTC
    member.interface_language = interface_language


@dataclass(frozen=True)
class ProfileChanges:
    display_name: str
    country: str
    city: str
    organisation: str
    job_title: str
    languages: Iterable[str]
    expertise: Iterable[str]
    time_zone: str
    interface_language: str
    bio: str
    show_email: bool
    profile_visibility: str = Visibility.EVERYONE
    follows_threads_on_posting: bool = True
    avatar: UploadedFile | None = None
    remove_avatar: bool = False


def _expertise_for(names: Iterable[str]) -> list[Expertise]:
    tags: dict[str, Expertise] = {}
    for raw in names:
        name = " ".join(raw.split())[:60]
        slug = slugify(name, allow_unicode=True)[:80]
        if not slug or slug in tags:
            continue
        tag, _created = Expertise.objects.get_or_create(slug=slug, defaults={"name": name})
        tags[slug] = tag
    return list(tags.values())


def update_profile(actor: Member, member: Member, changes: ProfileChanges) -> Member:
    """Save a member's profile in one transaction; the avatar is validated before anything."""
    check_edit_profile(actor, member)
    # Decode and re-encode the picture first: a bad file stops here, before any write.
    avatar = (
        clean_image(changes.avatar, max_bytes=settings.AVATAR_MAX_BYTES, max_side=AVATAR_SIDE)
        if changes.avatar is not None
        else None
    )
    with transaction.atomic():
        set_display_name(member, changes.display_name)
        member.country = changes.country
        member.city = changes.city.strip()
        member.organisation = " ".join(changes.organisation.split())
        member.job_title = changes.job_title.strip()
        member.time_zone = changes.time_zone
        member.interface_language = changes.interface_language
        member.bio = changes.bio.strip()
        member.bio_html = render_markdown(member.bio) if member.bio else ""
        member.show_email = changes.show_email
        member.profile_visibility = changes.profile_visibility
        member.follows_threads_on_posting = changes.follows_threads_on_posting
        old_avatar = member.avatar.name if member.avatar else ""
        if avatar is not None:
            member.avatar.save(avatar.file.name or "avatar.webp", avatar.file, save=False)
        elif changes.remove_avatar:
            member.avatar = None
        member.save()
        member.languages.all().delete()
        MemberLanguage.objects.bulk_create(
            MemberLanguage(member=member, code=code) for code in sorted(set(changes.languages))
        )
        member.expertise.set(_expertise_for(changes.expertise))
        if old_avatar and old_avatar != (member.avatar.name if member.avatar else ""):
            storage = member.avatar.storage
            transaction.on_commit(lambda: storage.delete(old_avatar))
    return member


def set_interface_language(member: Member, language: str) -> None:
    member.interface_language = language
    member.save(update_fields=["interface_language"])


def set_time_zone(member: Member, zone: str) -> None:
    if is_valid_zone(zone):
        member.time_zone = zone
        member.save(update_fields=["time_zone"])


def deactivate_member(member: Member) -> None:
    """Close an account: the member can no longer sign in and leaves the directory.

    What they wrote stays, under their name, as a community's record should; staff can
    reactivate the account from the administration site.
    """
    with transaction.atomic():
        member.is_active = False
        member.deactivated_at = timezone.now()
        member.save(update_fields=["is_active", "deactivated_at"])
    # Other signed-in sessions end by themselves: the authentication backend refuses an
    # inactive member at their next request.
