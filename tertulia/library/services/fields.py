"""Checking what a member typed about a resource, every problem reported at its field.

`clean_resource_fields` turns raw values into what is stored, or raises one
ValidationError whose dict names each field at fault, so a form shows every message
at once and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.core.languages import SPOKEN_LANGUAGE_CODES
from tertulia.core.validators import validate_multiline_text, validate_single_line_text
from tertulia.library.models import (
    AUTHORS_MAX,
    DESCRIPTION_MAX,
    ORGANISATION_MAX,
    TITLE_MAX,
    URL_MAX,
    ResourceKind,
)

FIRST_YEAR = 1900
MAX_LANGUAGES = 20
MAX_THEMES = 10
URL_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class ResourceFields:
    title: str
    description: str
    kind: str
    languages: list[str]
    year: int | None
    authors: str
    organisation: str
    url: str


def single_line(value: str, *, limit: int, field_errors: list[str]) -> str:
    value = value.strip()
    if len(value) > limit:
        field_errors.append(
            _("Keep this under %(limit)s characters; it has %(length)s.")
            % {"limit": limit, "length": len(value)}
        )
        return value
    try:
        validate_single_line_text(value)
    except ValidationError as problem:
        field_errors.extend(problem.messages)
    return value


def clean_title(title: str) -> tuple[str, list[str]]:
    problems: list[str] = []
    title = single_line(title, limit=TITLE_MAX, field_errors=problems)
    if not title and not problems:
        problems.append(_("Give the resource a title."))
    return title, problems


def clean_description(description: str) -> tuple[str, list[str]]:
    description = description.replace("\x00", "").strip()
    if len(description) > DESCRIPTION_MAX:
        return description, [
            _("A description can be at most %(limit)s characters long; this one has %(length)s.")
            % {"limit": f"{DESCRIPTION_MAX:,}", "length": f"{len(description):,}"}
        ]
    try:
        validate_multiline_text(description)
    except ValidationError as problem:
        return description, list(problem.messages)
    return description, []


def clean_url(url: str) -> tuple[str, list[str]]:
    """An http or https address, or "" for none."""
    url = url.strip()
    if not url:
        return "", []
    try:
        scheme = urlsplit(url).scheme.lower() if ":" in url else ""
    except ValueError:  # e.g. "http://[x": an unclosed IPv6 address
        return url, [_("This is not a web address we can open. Check it and try again.")]
    if scheme and scheme not in URL_SCHEMES:
        return url, [
            _(
                "Only web addresses starting with http:// or https:// can be shared: "
                "a “%(scheme)s:” link would not open safely for other members."
            )
            % {"scheme": scheme}
        ]
    if not scheme:
        return url, [_("Give the full address, starting with https:// (or http://).")]
    if len(url) > URL_MAX:
        return url, [
            _("This address is %(length)s characters long; the limit is %(limit)s.")
            % {"length": len(url), "limit": URL_MAX}
        ]
    try:
        URLValidator(schemes=list(URL_SCHEMES))(url)
    except ValidationError:
        return url, [_("This is not a web address we can open. Check it and try again.")]
    return url, []


def clean_languages(codes: Sequence[str]) -> tuple[list[str], list[str]]:
    cleaned: list[str] = []
    for raw in codes:
        code = raw.strip().lower()
        if not code or code in cleaned:
            continue
        if code not in SPOKEN_LANGUAGE_CODES:
            return cleaned, [
                _("“%(code)s” is not a language code we know (use codes such as en, es, fr).")
                % {"code": code[:20]}
            ]
        cleaned.append(code)
    if len(cleaned) > MAX_LANGUAGES:
        return cleaned, [
            _("Choose at most %(limit)s languages.") % {"limit": MAX_LANGUAGES},
        ]
    return cleaned, []


def clean_year(year: int | None) -> tuple[int | None, list[str]]:
    if year is None:
        return None, []
    last = timezone.now().year + 1
    if not FIRST_YEAR <= year <= last:
        return year, [
            _("Give a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": last}
        ]
    return year, []


def clean_resource_fields(
    *,
    title: str,
    description: str,
    kind: str,
    languages: Sequence[str],
    year: int | None,
    authors: str,
    organisation: str,
    url: str,
    theme_count: int,
) -> ResourceFields:
    errors: dict[str, list[str]] = {}

    def keep(field: str, problems: list[str]) -> None:
        if problems:
            errors.setdefault(field, []).extend(problems)

    title, problems = clean_title(title)
    keep("title", problems)
    description, problems = clean_description(description)
    keep("description", problems)
    if kind not in ResourceKind.values:
        keep("kind", [_("Choose the type of resource.")])
    cleaned_languages, problems = clean_languages(languages)
    keep("languages", problems)
    cleaned_year, problems = clean_year(year)
    keep("year", problems)
    author_problems: list[str] = []
    authors = single_line(authors, limit=AUTHORS_MAX, field_errors=author_problems)
    keep("authors", author_problems)
    organisation_problems: list[str] = []
    organisation = single_line(
        organisation, limit=ORGANISATION_MAX, field_errors=organisation_problems
    )
    keep("organisation", organisation_problems)
    url, problems = clean_url(url)
    keep("url", problems)
    if theme_count > MAX_THEMES:
        keep("themes", [_("Choose at most %(limit)s themes.") % {"limit": MAX_THEMES}])
    if errors:
        raise ValidationError(errors)
    return ResourceFields(
        title=title,
        description=description,
        kind=kind,
        languages=cleaned_languages,
        year=cleaned_year,
        authors=authors,
        organisation=organisation,
        url=url,
    )
