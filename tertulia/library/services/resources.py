"""Suggesting a resource and changing it.

A member's suggestion waits for a facilitator; a facilitator's own is published at once.
Every field is checked before anything is written, every problem is reported at its
field, and the row, its themes, languages, links and files are written together or not
at all.

The language of the title and description is the one its writer chose, or else it is
detected from them; a language the resource has a member's translation into is refused,
as on its translations page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import is_facilitator
from tertulia.core import slugs
from tertulia.core.languages import language_name
from tertulia.core.markdown import render_markdown
from tertulia.core.models import Theme
from tertulia.dialogues.models import Dialogue
from tertulia.events.models import Event
from tertulia.forums.languages import detect_language
from tertulia.library.models import (
    Resource,
    ResourceLanguage,
    ResourceStatus,
    ResourceTranslation,
)
from tertulia.library.permissions import check_edit_resource, check_submit_resource
from tertulia.library.services.fields import ResourceFields, clean_resource_fields
from tertulia.library.services.files import CheckedFiles, check_files, delete_stored, stored_files
from tertulia.library.services.translations import clean_language

SLUG_MAX = 120
# Its length in the address, where every non-ASCII letter is percent-encoded (an Arabic
# letter takes 6 characters): links to the resource must fit in notifications' 500.
# Words the resource's own pages use after its number (/resources/7/edit/).
RESERVED_SLUGS = frozenset({"download", "edit", "approve", "decline", "feature", "translations"})


@dataclass(frozen=True)
class Related:
    """What a resource is filed under and linked to."""

    themes: Sequence[Theme] = ()
    dialogues: Sequence[Dialogue] = ()
    events: Sequence[Event] = ()


def slug_for(title: str) -> str:
    slug = slugs.slug_for(title, limit=SLUG_MAX, default="resource")
    return f"{slug}-resource" if slug in RESERVED_SLUGS else slug


def _both_or_neither(has_file: bool, url: str, errors: dict[str, list[str]]) -> None:
    if has_file and url:
        errors.setdefault("url", []).append(
            _("Give either a file or a link, not both: remove the link or the file.")
        )
    elif not has_file and not url and "file" not in errors and "url" not in errors:
        errors.setdefault("file", []).append(
            _("Upload the resource as a file, or give a link to where it can be found.")
        )


def _clean(
    *,
    title: str,
    description: str,
    kind: str,
    languages: Sequence[str],
    year: int | None,
    authors: str,
    organisation: str,
    url: str,
    file: UploadedFile | None,
    cover: UploadedFile | None,
    related: Related,
    keeps_file: bool,
) -> tuple[ResourceFields | None, CheckedFiles, dict[str, list[str]]]:
    """Every field and upload checked at once: the cleaned values and the problems."""
    errors: dict[str, list[str]] = {}
    fields = None
    try:
        fields = clean_resource_fields(
            title=title,
            description=description,
            kind=kind,
            languages=languages,
            year=year,
            authors=authors,
            organisation=organisation,
            url=url,
            theme_count=len(related.themes),
        )
    except ValidationError as problem:
        for field, messages in problem.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    checked = check_files(file, cover, errors)
    has_file = checked.upload is not None or (file is None and keeps_file)
    _both_or_neither(has_file, fields.url if fields else url.strip(), errors)
    return fields, checked, errors


def _chosen_language(
    description_language: str, errors: dict[str, list[str]], resource: Resource | None = None
) -> str:
    """The language chosen for the title and description, checked; "" to detect it."""
    if not description_language.strip():
        return ""
    try:
        code = clean_language(description_language)
    except ValidationError as problem:
        errors.setdefault("description_language", []).extend(problem.messages)
        return ""
    if (
        resource is not None
        and code != resource.description_language
        and ResourceTranslation.objects.filter(resource=resource, language=code).exists()
    ):
        errors.setdefault("description_language", []).append(
            _(
                "There is a member's translation of this resource into %(language)s. "
                "Delete it first if the resource itself is described in %(language)s."
            )
            % {"language": language_name(code)}
        )
        return ""
    return code


def _apply(resource: Resource, fields: ResourceFields, description_language: str = "") -> None:
    """Copy the cleaned fields; `description_language` is a checked code, or "" to detect it."""
    resource.title = fields.title
    resource.slug = slug_for(fields.title)
    resource.description = fields.description
    resource.description_html = render_markdown(fields.description)
    detected = description_language or detect_language(f"{fields.title}\n{fields.description}")
    if (
        not description_language
        and resource.pk
        and ResourceTranslation.objects.filter(resource=resource, language=detected).exists()
    ):
        # A member's translation already holds that language: keep the one the resource had.
        detected = resource.description_language
    resource.description_language = detected
    resource.kind = fields.kind
    resource.languages = fields.languages
    resource.year = fields.year
    resource.authors = fields.authors
    resource.organisation = fields.organisation
    resource.url = fields.url


def _set_relations(resource: Resource, related: Related, languages: Sequence[str]) -> None:
    resource.themes.set(related.themes)
    resource.related_dialogues.set(related.dialogues)
    resource.related_events.set(related.events)
    ResourceLanguage.objects.filter(resource=resource).exclude(code__in=languages).delete()
    ResourceLanguage.objects.bulk_create(
        [ResourceLanguage(resource=resource, code=code) for code in languages],
        ignore_conflicts=True,
    )


def submit_resource(
    member: Member,
    *,
    title: str,
    kind: str,
    description: str = "",
    languages: Sequence[str] = (),
    year: int | None = None,
    authors: str = "",
    organisation: str = "",
    url: str = "",
    file: UploadedFile | None = None,
    cover: UploadedFile | None = None,
    related: Related = Related(),  # frozen, so safe as a default
    description_language: str = "",
) -> Resource:
    """A new resource: published at once for a facilitator, waiting for review otherwise."""
    check_submit_resource(member)
    fields, checked, errors = _clean(
        title=title,
        description=description,
        kind=kind,
        languages=languages,
        year=year,
        authors=authors,
        organisation=organisation,
        url=url,
        file=file,
        cover=cover,
        related=related,
        keeps_file=False,
    )
    language = _chosen_language(description_language, errors)
    if errors or fields is None:
        raise ValidationError(errors)
    now = timezone.now()
    publishes = is_facilitator(member)
    resource = Resource(
        submitted_by=member,
        created_at=now,
        updated_at=now,
        status=ResourceStatus.PUBLISHED if publishes else ResourceStatus.PENDING,
        approved_by=member if publishes else None,
        published_at=now if publishes else None,
    )
    _apply(resource, fields, language)
    with stored_files() as writer, transaction.atomic():
        if checked.upload is not None:
            writer.put_upload(resource, checked.upload)
        if checked.cover is not None:
            writer.put_cover(resource, checked.cover)
        resource.save()
        _set_relations(resource, related, fields.languages)
    return resource


def edit_resource(
    actor: Member,
    resource: Resource,
    *,
    title: str,
    kind: str,
    description: str = "",
    languages: Sequence[str] = (),
    year: int | None = None,
    authors: str = "",
    organisation: str = "",
    url: str = "",
    file: UploadedFile | None = None,
    cover: UploadedFile | None = None,
    remove_cover: bool = False,
    related: Related = Related(),  # frozen, so safe as a default
    description_language: str = "",
) -> Resource:
    """Change every field of a resource, as the edit form sends them (an empty
    `description_language` has the language detected again from the new text).

    A new file replaces the old one. A link given without a new file replaces the file;
    a new file sent with the link the resource already had replaces the link.
    """
    check_edit_resource(actor, resource)
    if file is not None and url.strip() == resource.url:
        url = ""
    fields, checked, errors = _clean(
        title=title,
        description=description,
        kind=kind,
        languages=languages,
        year=year,
        authors=authors,
        organisation=organisation,
        url=url,
        file=file,
        cover=cover,
        related=related,
        keeps_file=resource.has_file and not url.strip(),
    )
    language = _chosen_language(description_language, errors, resource)
    if errors or fields is None:
        raise ValidationError(errors)
    old_file = resource.file.name or ""
    old_cover = resource.cover.name or ""
    _apply(resource, fields, language)
    resource.updated_at = timezone.now()
    replaced: list[str] = []
    with stored_files() as writer, transaction.atomic():
        if checked.upload is not None:
            writer.put_upload(resource, checked.upload)
            replaced.append(old_file)
        elif fields.url:
            resource.file = ""
            resource.file_name, resource.file_size, resource.file_content_type = "", 0, ""
            replaced.append(old_file)
        if checked.cover is not None:
            writer.put_cover(resource, checked.cover)
            replaced.append(old_cover)
        elif remove_cover and old_cover:
            resource.cover = ""
            resource.cover_width = resource.cover_height = None
            replaced.append(old_cover)
        resource.save()
        _set_relations(resource, related, fields.languages)
        transaction.on_commit(lambda: delete_stored(replaced))
    return resource
