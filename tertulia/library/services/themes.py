"""The themes facilitators file resources (and dialogues and trainings) under.

A theme is named in English and, when the facilitators know it, in Spanish and French;
its slug (used in the library's addresses, ?theme=care-economy) is made once from the
English name and kept when the names change, so shared links keep working.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.models import Theme
from tertulia.library.permissions import check_manage_themes
from tertulia.library.services.fields import single_line

NAME_MAX = 80


def _clean_names(name_en: str, name_es: str, name_fr: str) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for field, value in (("name_en", name_en), ("name_es", name_es), ("name_fr", name_fr)):
        problems: list[str] = []
        names[field] = single_line(value, limit=NAME_MAX, field_errors=problems)
        if problems:
            errors[field] = problems
    if not names["name_en"] and "name_en" not in errors:
        errors["name_en"] = [_("Give the theme a name in English.")]
    if errors:
        raise ValidationError(errors)
    return names


def create_theme(actor: Member, *, name_en: str, name_es: str = "", name_fr: str = "") -> Theme:
    check_manage_themes(actor)
    names = _clean_names(name_en, name_es, name_fr)
    slug = slugify(names["name_en"])[:80].strip("-")
    if not slug:
        raise ValidationError({"name_en": _("Use at least one letter or digit in the name.")})
    taken = ValidationError(
        {"name_en": _("There is already a theme called “%(name)s”.") % {"name": names["name_en"]}}
    )
    if Theme.objects.filter(slug=slug).exists():
        raise taken
    try:
        with transaction.atomic():
            return Theme.objects.create(slug=slug, **names)
    except IntegrityError:  # created by someone else a moment ago
        raise taken from None


def rename_theme(
    actor: Member, theme: Theme, *, name_en: str, name_es: str = "", name_fr: str = ""
) -> Theme:
    check_manage_themes(actor)
    names = _clean_names(name_en, name_es, name_fr)
    for field, value in names.items():
        setattr(theme, field, value)
    with transaction.atomic():  # the save reindexes the theme's resources and trainings
        theme.save(update_fields=list(names))
    return theme
