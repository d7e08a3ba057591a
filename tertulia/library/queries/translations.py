"""The pages of a resource's translations: reading its title and description in another
language, writing, changing and deleting a translation.

A resource the viewer may not see answers "not found", as its own page does. Each page
takes a fixed number of queries: the resource, and its translations with translators.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from tertulia.accounts.permissions import Viewer
from tertulia.core.languages import language_name
from tertulia.forums.languages import CONTENT_LANGUAGES
from tertulia.library.models import Resource, ResourceTranslation
from tertulia.library.permissions import (
    can_change_translation,
    can_set_resource_language,
    can_translate_resource,
)
from tertulia.library.queries.resources import resource_for_download


@dataclass
class ResourceTranslations:
    """A resource, the language it is shown in, and what the viewer may do about it."""

    resource: Resource
    translations: list[ResourceTranslation]
    translation: ResourceTranslation | None  # the one shown; None shows the original
    asked_language: str  # a language asked for that has no translation yet, else ""
    can_translate: bool
    can_set_language: bool
    changeable: list[ResourceTranslation]  # those this viewer may change or delete
    untranslated: list[tuple[str, str]]  # (code, name): languages nobody has translated into


def resource_to_translate(viewer: Viewer, resource_id: int) -> Resource:
    """A resource the viewer may see (else 404); the services check the rest."""
    return resource_for_download(viewer, resource_id)


def resource_translations(viewer: Viewer, resource_id: int, language: str) -> ResourceTranslations:
    """The resource in `language` (its original when that is its own, empty or unknown)."""
    resource = resource_to_translate(viewer, resource_id)
    translations = list(
        ResourceTranslation.objects.filter(resource=resource)
        .select_related("translator")
        .order_by("language")
    )
    for translation in translations:
        translation.resource = resource  # spare the permission checks a query each
    shown = next((t for t in translations if t.language == language), None)
    asked = language if shown is None and language in CONTENT_LANGUAGES else ""
    if asked == resource.description_language:
        asked = ""
    translated = {resource.description_language, *(t.language for t in translations)}
    return ResourceTranslations(
        resource=resource,
        translations=translations,
        translation=shown,
        asked_language=asked,
        can_translate=can_translate_resource(viewer, resource),
        can_set_language=can_set_resource_language(viewer, resource),
        changeable=[t for t in translations if can_change_translation(viewer, t)],
        untranslated=[
            (code, language_name(code)) for code in CONTENT_LANGUAGES if code not in translated
        ],
    )


def translation_to_change(viewer: Viewer, resource_id: int, language: str) -> ResourceTranslation:
    """A translation of a resource the viewer may see, with the resource and translator
    (the service checks whether the viewer may change it)."""
    resource = resource_to_translate(viewer, resource_id)
    translation = get_object_or_404(
        ResourceTranslation.objects.select_related("translator"),
        resource=resource,
        language=language[:8],
    )
    translation.resource = resource
    return translation
