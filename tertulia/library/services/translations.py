"""Members' translations of a resource's title and description, and the language its
description is said to be written in.

Any member who may see a resource may translate its title and description into another
of the community's languages, once per language; the translation shows beside the
original, marked as a member's translation with its translator's name. The translator
and the facilitators may change or delete it. The search index follows by signal
(search_documents.py).

The description's language is detected, and a translation into it is refused, so
whoever may edit the resource may also correct that language here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.languages import language_name
from tertulia.core.markdown import render_markdown
from tertulia.forums.languages import is_content_language
from tertulia.library.models import Resource, ResourceTranslation
from tertulia.library.permissions import (
    check_change_translation,
    check_edit_resource,
    check_translate_resource,
)
from tertulia.library.services.fields import clean_description, clean_title

# --- Checking what was typed ----------------------------------------------------------


def _at_field(field: str, problem: ValidationError) -> ValidationError:
    """The problem as forms and the API expect it: keyed by the field it is about."""
    return ValidationError({field: [problem]})


def clean_language(language: str) -> str:
    code = language.strip().lower()
    if not code:
        raise ValidationError(_("Choose a language."), code="required")
    if not is_content_language(code):
        raise ValidationError(
            _("“%(code)s” is not one of the languages of this community.") % {"code": code[:20]},
            code="unknown_language",
        )
    return code


def clean_translation_language(resource: Resource, language: str) -> str:
    code = clean_language(language)
    if code == resource.description_language:
        raise ValidationError(
            _(
                "This resource is already described in %(language)s: choose another language. "
                "If its description is in fact written in another language, a facilitator "
                "can correct that."
            )
            % {"language": language_name(code)},
            code="same_language",
        )
    return code


def _clean_texts(resource: Resource, title: str, description: str) -> tuple[str, str]:
    """The translated title and description, or ValidationError keyed by field."""
    errors: dict[str, list[ValidationError]] = {}
    title, problems = clean_title(title)
    if not title and problems:
        errors["title"] = [ValidationError(_("Translate the title."), code="required")]
    elif problems:
        errors["title"] = [ValidationError(message) for message in problems]
    description, problems = clean_description(description)
    if problems:
        errors["description"] = [ValidationError(message) for message in problems]
    elif resource.description.strip() and not description:
        errors["description"] = [
            ValidationError(_("Translate the description too."), code="required")
        ]
    if errors:
        raise ValidationError(errors)
    return title, description


def _already_translated(language: str) -> ValidationError:
    return _at_field(
        "language",
        ValidationError(
            _(
                "This resource already has a translation into %(language)s. Read it, and ask "
                "its translator or a facilitator if something in it needs changing."
            )
            % {"language": language_name(language)},
            code="exists",
        ),
    )


# --- Writing --------------------------------------------------------------------------


def add_resource_translation(
    member: Member, resource: Resource, *, language: str, title: str, description: str
) -> ResourceTranslation:
    """Add the member's translation of the resource; ValidationError keyed by field."""
    check_translate_resource(member, resource)
    errors: dict[str, list[ValidationError]] = {}
    try:
        language = clean_translation_language(resource, language)
    except ValidationError as problem:
        errors["language"] = [problem]
    try:
        title, description = _clean_texts(resource, title, description)
    except ValidationError as problem:
        errors.update(problem.error_dict)
    if errors:
        raise ValidationError(errors)
    if ResourceTranslation.objects.filter(resource=resource, language=language).exists():
        raise _already_translated(language)
    try:
        with transaction.atomic():
            translation = ResourceTranslation.objects.create(
                resource=resource,
                language=language,
                title=title,
                description=description,
                description_html=render_markdown(description),
                translator=member,
            )
    except IntegrityError:
        # Two members sent a translation into the same language at the same moment.
        raise _already_translated(language) from None
    return translation


def edit_resource_translation(
    actor: Member, translation: ResourceTranslation, *, title: str, description: str
) -> ResourceTranslation:
    check_change_translation(actor, translation)
    title, description = _clean_texts(translation.resource, title, description)
    if (title, description) == (translation.title, translation.description):
        return translation
    translation.title = title
    translation.description = description
    translation.description_html = render_markdown(description)
    translation.edited_at = timezone.now()
    with transaction.atomic():  # the row and its search document together
        translation.save(update_fields=["title", "description", "description_html", "edited_at"])
    return translation


def delete_resource_translation(actor: Member, translation: ResourceTranslation) -> None:
    check_change_translation(actor, translation)
    with transaction.atomic():
        translation.delete()


def set_resource_language(actor: Member, resource: Resource, language: str) -> Resource:
    """Say which language the resource's title and description are written in."""
    check_edit_resource(actor, resource)
    try:
        language = clean_language(language)
    except ValidationError as problem:
        raise _at_field("language", problem) from None
    if language == resource.description_language:
        return resource
    if ResourceTranslation.objects.filter(resource=resource, language=language).exists():
        raise _at_field(
            "language",
            ValidationError(
                _(
                    "There is a member's translation of this resource into %(language)s. "
                    "Delete it first if the resource itself is described in %(language)s."
                )
                % {"language": language_name(language)},
                code="translated",
            ),
        )
    resource.description_language = language
    with transaction.atomic():
        resource.save(update_fields=["description_language"])
    return resource
