"""Recordings, slides and documents posted with a dialogue, usually once it has closed.

A material is a link (http or https only: no `javascript:` or `file:` address reaches a
member's browser) or an uploaded file checked by its content, not both.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.languages import SPOKEN_LANGUAGE_CODES
from tertulia.core.validators import validate_single_line_text
from tertulia.dialogues.models import TITLE_MAX, Dialogue, DialogueMaterial, MaterialKind
from tertulia.dialogues.permissions import check_manage_dialogues
from tertulia.dialogues.services import files
from tertulia.dialogues.services.dialogues import touch_dialogue
from tertulia.events.services.fields import clean_url


def add_material(
    actor: Member,
    dialogue: Dialogue,
    *,
    kind: str,
    title: str,
    url: str = "",
    upload: UploadedFile | None = None,
    language: str = "",
) -> DialogueMaterial:
    """Add a recording, slides, a document or a link, at the end of the list."""
    check_manage_dialogues(actor)
    errors: dict[str, list[str]] = {}
    title = " ".join(title.split())
    if kind not in MaterialKind.values:
        errors["kind"] = [_("Choose what kind of material this is.")]
    if not title:
        errors["title"] = [_("Give the material a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("Keep the title under %(limit)s characters.") % {"limit": TITLE_MAX}]
    else:
        try:
            validate_single_line_text(title)
        except ValidationError as error:
            errors["title"] = error.messages
    try:
        url = clean_url(url)
    except ValidationError as error:
        errors["url"] = error.messages
    if language and language not in SPOKEN_LANGUAGE_CODES:
        errors["language"] = [_("Choose a language from the list.")]
    checked = None
    if upload is not None:
        try:
            checked = files.validate_document(upload)
        except ValidationError as error:
            errors["upload"] = error.messages
    if not errors and bool(url) == (upload is not None):
        errors["url"] = [_("Give either a link or a file (one of them, not both).")]
    if errors:
        raise ValidationError(errors)
    with files.stored_files() as written, transaction.atomic():
        last = dialogue.materials.aggregate(last=Max("position"))["last"]
        material = DialogueMaterial(
            dialogue=dialogue,
            kind=kind,
            title=title,
            url=url,
            language=language,
            position=0 if last is None else last + 1,
        )
        if checked is not None:
            files.store(material.file, checked, written)
            material.file_name = checked.original_name
            material.file_size = checked.size
        material.save()
        touch_dialogue(dialogue)
    return material


def remove_material(actor: Member, material: DialogueMaterial) -> None:
    check_manage_dialogues(actor)
    with transaction.atomic():
        if material.file:
            files.delete_after_commit(material.file)
        material.delete()
        touch_dialogue(material.dialogue)
