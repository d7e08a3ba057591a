"""Speaker profiles: guest experts and speakers of events and dialogues.

A speaker may be linked to a member (when they are one). The photo is validated by its
content and re-encoded without metadata, like an avatar.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.core.uploads import CleanImage, clean_image
from tertulia.core.validators import validate_multiline_text, validate_single_line_text
from tertulia.events.models import Speaker
from tertulia.events.permissions import check_create_event
from tertulia.events.services.fields import FieldErrors

logger = logging.getLogger(__name__)

NAME_MAX = 150
ORGANISATION_MAX = 150
BIO_MAX = 5_000
PHOTO_SIDE = 400


def _clean_line(value: str, limit: int, *, required: bool) -> str:
    text = " ".join(value.split())
    if required and not text:
        raise ValidationError(_("This field is required."), code="required")
    if len(text) > limit:
        raise ValidationError(
            _("This can be at most %(limit)s characters long."),
            code="too_long",
            params={"limit": limit},
        )
    validate_single_line_text(text)
    return text


def _clean_bio(bio: str) -> str:
    text = bio.strip()
    if len(text) > BIO_MAX:
        raise ValidationError(
            _("The bio can be at most %(limit)s characters long."),
            code="too_long",
            params={"limit": f"{BIO_MAX:,}"},
        )
    validate_multiline_text(text)
    return text


def _clean_photo(photo: UploadedFile | None) -> CleanImage | None:
    if photo is None:
        return None
    return clean_image(photo, max_bytes=settings.AVATAR_MAX_BYTES, max_side=PHOTO_SIDE)


def create_speaker(
    actor: Member,
    *,
    name: str,
    organisation: str = "",
    bio: str = "",
    member: Member | None = None,
    photo: UploadedFile | None = None,
) -> Speaker:
    """A speaker profile (facilitators only)."""
    check_create_event(actor)
    errors = FieldErrors()
    clean_name = errors.check("name", lambda: _clean_line(name, NAME_MAX, required=True), "")
    clean_org = errors.check(
        "organisation", lambda: _clean_line(organisation, ORGANISATION_MAX, required=False), ""
    )
    clean_bio = errors.check("bio", lambda: _clean_bio(bio), "")
    image = errors.check("photo", lambda: _clean_photo(photo), None)
    errors.raise_if_any()
    speaker = Speaker(
        name=clean_name,
        organisation=clean_org,
        bio=clean_bio,
        bio_html=render_markdown(clean_bio) if clean_bio else "",
        member=member,
    )
    with transaction.atomic():
        if image is not None:
            speaker.photo.save(image.file.name or "speaker.webp", image.file, save=False)
        speaker.save()
    return speaker


def update_speaker(
    actor: Member,
    speaker: Speaker,
    *,
    name: str,
    organisation: str = "",
    bio: str = "",
    member: Member | None = None,
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
) -> Speaker:
    """Change a speaker profile; a new photo replaces the old one."""
    check_create_event(actor)
    errors = FieldErrors()
    speaker.name = errors.check("name", lambda: _clean_line(name, NAME_MAX, required=True), "")
    speaker.organisation = errors.check(
        "organisation", lambda: _clean_line(organisation, ORGANISATION_MAX, required=False), ""
    )
    speaker.bio = errors.check("bio", lambda: _clean_bio(bio), "")
    image = errors.check("photo", lambda: _clean_photo(photo), None)
    if errors.errors:
        speaker.refresh_from_db()
    errors.raise_if_any()
    speaker.bio_html = render_markdown(speaker.bio) if speaker.bio else ""
    speaker.member = member
    old_photo = speaker.photo.name if speaker.photo else ""
    with transaction.atomic():
        if image is not None:
            speaker.photo.save(image.file.name or "speaker.webp", image.file, save=False)
        elif remove_photo:
            speaker.photo = None
        speaker.save()
        if old_photo and (image is not None or remove_photo):
            storage = speaker.photo.storage
            transaction.on_commit(lambda: storage.delete(old_photo))
    return speaker


@contextmanager
def photos_removed_on_failure() -> Iterator[list[Speaker]]:
    """For speakers created inside a write that may still be refused (an event whose
    times are wrong): append each new speaker to the list given; if the write fails, the
    rolled-back rows take the speakers away and this takes their photos from storage."""
    created: list[Speaker] = []
    try:
        yield created
    except BaseException:
        for speaker in created:
            _remove_photo(speaker)
        raise


def _remove_photo(speaker: Speaker) -> None:
    name = speaker.photo.name if speaker.photo else ""
    if not name:
        return
    try:
        speaker.photo.storage.delete(name)
    except OSError:
        logger.warning("Could not remove the photo %s", name)
