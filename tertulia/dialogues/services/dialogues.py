"""Creating and editing a virtual dialogue, together with its forum.

A dialogue and its forum are one thing to members: the forum is created in the same
transaction, with the dialogue's window as its posting window, and every change to the
title, summary, languages, number or days is copied to it. The window is typed as days
in the facilitator's zone and stored as UTC instants (see `tertulia.dialogues.windows`).
Creating a dialogue, or moving its first day, queues the announcement of its opening
for that instant (see `tertulia.dialogues.services.openings`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.core.models import Theme
from tertulia.dialogues import tasks
from tertulia.dialogues.models import TITLE_MAX, Dialogue, DialogueSpeaker
from tertulia.dialogues.permissions import check_manage_dialogues
from tertulia.dialogues.services import files
from tertulia.dialogues.services.fields import (
    DialogueFields,
    clean_dialogue_fields,
    number_taken,
)
from tertulia.events.models import Speaker
from tertulia.events.services.events import create_speaker
from tertulia.events.services.fields import slug_for
from tertulia.forums.models import Access, Forum
from tertulia.forums.services import revisions
from tertulia.forums.services.attachments import ValidatedUpload

# Dialogue forums come after the community's standing forums in the forum index.
FORUM_POSITION = 100
SLUG_MAX = 100


@dataclass(frozen=True)
class NewSpeaker:
    """A guest expert to create with the dialogue (events' `create_speaker` makes it)."""

    name: str
    organisation: str = ""
    bio: str = ""
    member: Member | None = None
    photo: UploadedFile | None = None


def _check_pdf(upload: UploadedFile | None) -> ValidatedUpload | None:
    if upload is None:
        return None
    try:
        return files.validate_pdf(upload)
    except ValidationError as error:
        raise ValidationError({"concept_note_pdf": error.messages}) from None


def _unique_slug(title: str, number: int, dialogue: Dialogue | None) -> str:
    base = slug_for(title, limit=SLUG_MAX, default="dialogue")
    others = Dialogue.objects.exclude(pk=dialogue.pk) if dialogue else Dialogue.objects.all()
    if not others.filter(slug=base).exists():
        return base
    return f"{base[: SLUG_MAX - 12]}-{number}"


def _conflict(slug: str, number: int, dialogue: Dialogue | None) -> ValidationError | None:
    """What another dialogue, saved between our checks and our write, took from this one:
    its number or its slug (None when neither, for another failure)."""
    problem = number_taken(number, dialogue)
    if problem:
        return ValidationError({"number": [problem]})
    others = Dialogue.objects.exclude(pk=dialogue.pk) if dialogue else Dialogue.objects.all()
    if others.filter(slug=slug).exists():
        return ValidationError(
            {
                "title": [
                    _(
                        "Another dialogue with this title was saved at the same moment. "
                        "Send the form again."
                    )
                ]
            }
        )
    return None


def _forum_slug(number: int, forum: Forum | None) -> str:
    base = f"dialogue-{number}"
    taken = Forum.objects.filter(slug__startswith=base)
    if forum is not None:
        taken = taken.exclude(pk=forum.pk)
    names = set(taken.values_list("slug", flat=True))
    if base not in names:
        return base
    suffix = 2
    while f"{base}-{suffix}" in names:
        suffix += 1
    return f"{base}-{suffix}"


def _forum_title(number: int, title: str) -> str:
    # Stored once for every reader, so no words that would need translating.
    return f"{number}. {title}"[:TITLE_MAX]


# What a dialogue decides about its forum; the forum's counters are the forums' own.
_FORUM_FIELDS = (
    "title", "slug", "description", "description_html", "languages", "opens_at", "closes_at",
)  # fmt: skip


def _sync_forum(forum: Forum, cleaned: dict[str, Any]) -> None:
    forum.title = _forum_title(cleaned["number"], cleaned["title"])
    forum.slug = _forum_slug(cleaned["number"], forum if forum.pk else None)
    forum.description = cleaned["summary"]
    forum.description_html = render_markdown(cleaned["summary"])
    forum.languages = cleaned["languages"]
    forum.opens_at = cleaned["opens_at"]
    forum.closes_at = cleaned["closes_at"]
    if forum.pk is None:
        forum.save()
        return
    # Only these fields: the counters may have moved since the row was read.
    forum.save(update_fields=_FORUM_FIELDS)
    revisions.forum_changed(forum.pk)


def _set_speakers(
    actor: Member,
    dialogue: Dialogue,
    speakers: Sequence[Speaker],
    new_speakers: Sequence[NewSpeaker],
) -> None:
    ordered = list(dict.fromkeys(speakers))
    for spec in new_speakers:
        ordered.append(
            create_speaker(
                actor,
                name=spec.name,
                organisation=spec.organisation,
                bio=spec.bio,
                member=spec.member,
                photo=spec.photo,
            )
        )
    DialogueSpeaker.objects.filter(dialogue=dialogue).delete()
    DialogueSpeaker.objects.bulk_create(
        DialogueSpeaker(dialogue=dialogue, speaker=speaker, position=index)
        for index, speaker in enumerate(ordered)
    )


def speaker_errors(error: ValidationError) -> ValidationError:
    """A new guest expert's problem, reported at the guest expert's fields."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {f"speaker_{name}": messages for name, messages in error.message_dict.items()}
        )
    return ValidationError({"speaker_name": error.messages})


def create_dialogue(
    actor: Member,
    *,
    number: int,
    title: str,
    summary: str,
    time_zone: str,
    opens_on: date,
    closes_on: date,
    concept_note: str = "",
    concept_note_pdf: UploadedFile | None = None,
    key_questions: Sequence[str] | str = (),
    languages: Sequence[str] = (),
    themes: Sequence[Theme] = (),
    facilitators: Sequence[Member] = (),
    speakers: Sequence[Speaker] = (),
    new_speakers: Sequence[NewSpeaker] = (),
) -> Dialogue:
    """Announce a dialogue: the dialogue, its forum open on its days, its people."""
    check_manage_dialogues(actor)
    typed = DialogueFields(
        number=number,
        title=title,
        summary=summary,
        time_zone=time_zone,
        opens_on=opens_on,
        closes_on=closes_on,
        concept_note=concept_note,
        key_questions=key_questions,
        languages=languages,
    )
    cleaned = clean_dialogue_fields(typed, None)
    pdf = _check_pdf(concept_note_pdf)
    now = timezone.now()
    slug = _unique_slug(cleaned["title"], cleaned["number"], None)
    try:
        with files.stored_files() as written, transaction.atomic():
            forum = Forum(
                position=FORUM_POSITION, read_access=Access.EVERYONE, write_access=Access.MEMBERS
            )
            _sync_forum(forum, cleaned)
            dialogue = Dialogue(
                forum=forum,
                slug=slug,
                concept_note_html=render_markdown(cleaned["concept_note"]),
                created_by=actor,
                created_at=now,
                updated_at=now,
                **cleaned,
            )
            if pdf is not None:
                files.store(dialogue.concept_note_pdf, pdf, written)
                dialogue.concept_note_pdf_name = pdf.original_name
            dialogue.save()
            dialogue.themes.set(themes)
            dialogue.facilitators.set(facilitators or [actor])
            try:
                _set_speakers(actor, dialogue, speakers, new_speakers)
            except ValidationError as error:
                raise speaker_errors(error) from None
            _schedule_opening(dialogue)
    except IntegrityError as error:
        conflict = _conflict(slug, cleaned["number"], None)
        if conflict is None:
            raise
        raise conflict from error
    return dialogue


def _schedule_opening(dialogue: Dialogue) -> None:
    transaction.on_commit(
        partial(
            tasks.schedule_opening_announcement,
            dialogue.pk,
            dialogue.opens_at,
            dialogue.closes_at,
        )
    )


_EDITABLE = frozenset(
    {
        "number",
        "title",
        "summary",
        "time_zone",
        "opens_on",
        "closes_on",
        "concept_note",
        "concept_note_pdf",
        "remove_concept_note_pdf",
        "key_questions",
        "languages",
        "themes",
        "facilitators",
        "speakers",
        "new_speakers",
    }
)


def update_dialogue(actor: Member, dialogue: Dialogue, **changes: Any) -> Dialogue:
    """Change a dialogue (same keywords as `create_dialogue`); its forum follows.

    `remove_concept_note_pdf=True` drops the PDF; a new `concept_note_pdf` replaces it.
    Moving the days moves the forum's window with them, even for an open dialogue.
    """
    check_manage_dialogues(actor)
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"update_dialogue() got unexpected keywords: {sorted(unknown)}")
    typed = DialogueFields(
        number=changes.get("number", dialogue.number),
        title=changes.get("title", dialogue.title),
        summary=changes.get("summary", dialogue.summary),
        time_zone=changes.get("time_zone", dialogue.time_zone),
        opens_on=changes.get("opens_on", dialogue.opens_on),
        closes_on=changes.get("closes_on", dialogue.closes_on),
        concept_note=changes.get("concept_note", dialogue.concept_note),
        key_questions=changes.get("key_questions", dialogue.key_questions),
        languages=changes.get("languages", dialogue.languages),
    )
    cleaned = clean_dialogue_fields(typed, dialogue)
    pdf = _check_pdf(changes.get("concept_note_pdf"))
    slug = dialogue.slug
    try:
        with files.stored_files() as written, transaction.atomic():
            locked = (
                Dialogue.objects.select_for_update().select_related("forum").get(pk=dialogue.pk)
            )
            opens_at_before = locked.opens_at
            for name, value in cleaned.items():
                setattr(locked, name, value)
            locked.concept_note_html = render_markdown(cleaned["concept_note"])
            if cleaned["title"] != dialogue.title or not locked.slug:
                slug = locked.slug = _unique_slug(cleaned["title"], cleaned["number"], locked)
            if pdf is not None or changes.get("remove_concept_note_pdf"):
                files.delete_after_commit(locked.concept_note_pdf)
                locked.concept_note_pdf = ""
                locked.concept_note_pdf_name = ""
            if pdf is not None:
                files.store(locked.concept_note_pdf, pdf, written)
                locked.concept_note_pdf_name = pdf.original_name
            locked.updated_at = timezone.now()
            locked.save()
            _sync_forum(locked.forum, cleaned)
            if locked.opens_at != opens_at_before:
                _schedule_opening(locked)
            if "themes" in changes:
                locked.themes.set(changes["themes"])
            if "facilitators" in changes:
                locked.facilitators.set(changes["facilitators"] or [actor])
            if "speakers" in changes or changes.get("new_speakers"):
                current = [
                    row.speaker
                    for row in DialogueSpeaker.objects.filter(dialogue=locked).select_related(
                        "speaker"
                    )
                ]
                try:
                    _set_speakers(
                        actor,
                        locked,
                        changes.get("speakers", current),
                        changes.get("new_speakers", ()),
                    )
                except ValidationError as error:
                    raise speaker_errors(error) from None
    except IntegrityError as error:
        conflict = _conflict(slug, cleaned["number"], dialogue)
        if conflict is None:
            raise
        raise conflict from error
    return locked


def touch_dialogue(dialogue: Dialogue) -> None:
    """Mark the dialogue changed (its cached statistics and pages follow `updated_at`)."""
    dialogue.updated_at = timezone.now()
    Dialogue.objects.filter(pk=dialogue.pk).update(updated_at=dialogue.updated_at)
