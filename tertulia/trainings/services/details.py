"""What a member or facilitator types about a training, and the checks it must pass.

Suggesting and editing take the same `TrainingDetails`; every problem is reported at
its field at once, so a form can show them all and nothing is saved half-checked.
The language of the description is the one chosen, or, when none is, detected from the
title and description.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import formats
from django.utils.translation import gettext as _

from tertulia.core import slugs
from tertulia.core.languages import SPOKEN_LANGUAGE_CODES
from tertulia.core.markdown import render_markdown
from tertulia.core.models import Theme
from tertulia.core.timezones import validate_zone
from tertulia.core.validators import (
    validate_multiline_text,
    validate_plausible_day,
    validate_single_line_text,
)
from tertulia.forums.languages import CONTENT_LANGUAGES, detect_language
from tertulia.trainings.cost import is_known_currency
from tertulia.trainings.models import (
    AUDIENCE_MAX,
    DESCRIPTION_MAX,
    FORMATS_WITH_PLACE,
    LOCATION_MAX,
    PROVIDER_MAX,
    TITLE_MAX,
    URL_MAX,
    Training,
    TrainingFormat,
)

# The largest amount the cost column holds (12 digits, 2 after the point).
COST_MAX = Decimal("9999999999.99")
MAX_LANGUAGES = 20
# /trainings/<id>/<slug>/ must not read as one of these /trainings/<id>/<action>/ pages.
RESERVED_SLUGS = frozenset({"edit", "publish", "decline"})
# Room for "-training" in the 120-character column; and the slug's length in the
# address, where a non-ASCII letter is percent-encoded (an Arabic one takes 6
# characters), so that links to the training fit in notifications' 500.
SLUG_MAX = 110
_WEB_ADDRESS = URLValidator(schemes=["http", "https"])


@dataclass
class TrainingDetails:
    title: str
    provider: str
    format: str
    time_zone: str
    starts_on: date | None
    ends_on: date | None
    deadline_on: date | None = None
    description: str = ""
    language: str = ""  # empty: detected from the title and description
    location: str = ""
    languages: Sequence[str] = ()
    is_free: bool = True
    cost_amount: Decimal | None = None
    currency: str = ""
    has_certificate: bool = False
    url: str = ""
    audience: str = ""
    themes: Sequence[Theme] = field(default_factory=list)


def _day(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _check_line(errors: dict[str, str], name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors[name] = _("Keep this under %(limit)s characters; it has %(length)s.") % {
            "limit": limit,
            "length": len(value),
        }
        return
    try:
        validate_single_line_text(value)
    except ValidationError as problem:
        errors[name] = " ".join(problem.messages)


def _check_text(errors: dict[str, str], details: TrainingDetails) -> None:
    if not details.title:
        errors["title"] = _("Give the training's title.")
    else:
        _check_line(errors, "title", details.title, TITLE_MAX)
    if not details.provider:
        errors["provider"] = _("Name the organisation that offers the training.")
    else:
        _check_line(errors, "provider", details.provider, PROVIDER_MAX)
    _check_line(errors, "audience", details.audience, AUDIENCE_MAX)
    if len(details.description) > DESCRIPTION_MAX:
        errors["description"] = _(
            "A description can be at most %(limit)s characters long; this one has %(length)s."
        ) % {"limit": f"{DESCRIPTION_MAX:,}", "length": f"{len(details.description):,}"}
    else:
        try:
            validate_multiline_text(details.description)
        except ValidationError as problem:
            errors["description"] = " ".join(problem.messages)
    if details.language and details.language not in CONTENT_LANGUAGES:
        errors["language"] = _(
            "“%(code)s” is not one of the languages of this community. Choose the language "
            "the description is written in, or have it detected."
        ) % {"code": details.language[:20]}


def _check_format_and_place(errors: dict[str, str], details: TrainingDetails) -> None:
    if details.format not in TrainingFormat.values:
        errors["format"] = _("Choose how the training is given.")
        return
    if details.format in FORMATS_WITH_PLACE and not details.location:
        if details.format == TrainingFormat.FACE_TO_FACE:
            errors["location"] = _(
                "A face-to-face training needs a location: give at least the city and country."
            )
        else:
            errors["location"] = _(
                "A blended training needs a location for its face-to-face part: give at "
                "least the city and country."
            )
    else:
        _check_line(errors, "location", details.location, LOCATION_MAX)


def _check_languages(errors: dict[str, str], details: TrainingDetails) -> None:
    unknown = [code for code in details.languages if code not in SPOKEN_LANGUAGE_CODES]
    if unknown:
        errors["languages"] = _(
            "“%(codes)s” is not a language code we know. Use two-letter codes such as "
            "en, es, fr or sw."
        ) % {"codes": ", ".join(code[:10] for code in unknown[:3])}
    elif not details.languages:
        errors["languages"] = _("Choose at least one language the training is given in.")
    elif len(details.languages) > MAX_LANGUAGES:
        errors["languages"] = _("Choose at most %(limit)s languages.") % {"limit": MAX_LANGUAGES}


def _check_dates(errors: dict[str, str], details: TrainingDetails) -> None:
    try:
        validate_zone(details.time_zone)
    except ValidationError as error:
        errors["time_zone"] = " ".join(error.messages)
    for name in ("starts_on", "ends_on", "deadline_on"):
        day = getattr(details, name)
        if day is not None:
            try:
                validate_plausible_day(day)
            except ValidationError as error:
                errors[name] = " ".join(error.messages)
                setattr(details, name, None)
    if details.starts_on is None:
        errors.setdefault("starts_on", _("Give the first day of the training."))
    if details.ends_on is None:
        errors.setdefault("ends_on", _("Give the last day of the training."))
    if details.starts_on and details.ends_on and details.ends_on < details.starts_on:
        errors["ends_on"] = _("The last day cannot be before the first day (%(first)s).") % {
            "first": _day(details.starts_on)
        }
    if details.deadline_on and details.ends_on and details.deadline_on > details.ends_on:
        errors["deadline_on"] = _(
            "The application deadline cannot be after the last day of the training (%(last)s)."
        ) % {"last": _day(details.ends_on)}


def _check_cost(errors: dict[str, str], details: TrainingDetails) -> None:
    if details.is_free:
        return
    amount = details.cost_amount
    if amount is None:
        errors["cost_amount"] = _("Give the cost, or choose “Free”.")
    elif not amount.is_finite() or amount < 0:
        errors["cost_amount"] = _("A cost cannot be negative. Give the amount a participant pays.")
    elif amount > COST_MAX:
        errors["cost_amount"] = _("This amount is too large. Check the number of digits.")
    elif amount.as_tuple().exponent < -2:  # type: ignore[operator]  # finite: an int
        errors["cost_amount"] = _("Give the cost with at most two decimals.")
    if not details.currency:
        errors["currency"] = _("Give the currency as a three-letter code such as EUR or USD.")
    elif not is_known_currency(details.currency):
        errors["currency"] = _(
            "“%(code)s” is not a currency we know. Use a three-letter ISO 4217 code such as "
            "EUR, USD or XOF."
        ) % {"code": details.currency[:10]}


def _check_url(errors: dict[str, str], details: TrainingDetails) -> None:
    if not details.url:
        return
    message = _(
        "Give a web address that starts with http:// or https://, such as "
        "https://example.org/course."
    )
    if len(details.url) > URL_MAX:
        errors["url"] = _("This web address is too long (at most %(limit)s characters).") % {
            "limit": URL_MAX
        }
        return
    try:
        _WEB_ADDRESS(details.url)
    except ValidationError:
        errors["url"] = message


def training_slug(title: str) -> str:
    """The slug in the training's address; never one of the action paths beside it."""
    slug = slugs.slug_for(title, limit=SLUG_MAX, default="training")
    return f"{slug}-training" if slug in RESERVED_SLUGS else slug


def cleaned(details: TrainingDetails) -> TrainingDetails:
    """The details with spaces trimmed and codes normalised, or a ValidationError whose
    dict names each field at fault."""
    details.title = " ".join(details.title.split())
    details.provider = " ".join(details.provider.split())
    details.location = " ".join(details.location.split())
    details.audience = " ".join(details.audience.split())
    details.url = details.url.strip()
    details.currency = details.currency.strip().upper()
    details.time_zone = details.time_zone.strip()
    details.language = details.language.strip().lower()
    details.languages = list(dict.fromkeys(code.strip().lower() for code in details.languages))
    details.languages = [code for code in details.languages if code]
    errors: dict[str, str] = {}
    _check_text(errors, details)
    _check_format_and_place(errors, details)
    _check_languages(errors, details)
    _check_dates(errors, details)
    _check_cost(errors, details)
    _check_url(errors, details)
    if errors:
        raise ValidationError(errors)
    if details.is_free:
        details.cost_amount, details.currency = None, ""
    if not details.language:
        details.language = detect_language(f"{details.title}\n{details.description}")
    return details


def apply_details(training: Training, details: TrainingDetails) -> None:
    """Copy checked details onto the training (not saved; themes are set after saving)."""
    training.title = details.title
    training.slug = training_slug(details.title)
    training.provider = details.provider
    training.description = details.description
    training.description_html = render_markdown(details.description)
    training.language = details.language
    training.format = details.format
    training.location = details.location
    training.languages = list(details.languages)
    training.time_zone = details.time_zone
    assert details.starts_on is not None  # noqa: S101  # `cleaned` refuses a missing day
    assert details.ends_on is not None  # noqa: S101  # `cleaned` refuses a missing day
    training.starts_on = details.starts_on
    training.ends_on = details.ends_on
    training.deadline_on = details.deadline_on
    training.cost_amount = details.cost_amount
    training.currency = details.currency
    training.has_certificate = details.has_certificate
    training.url = details.url
    training.audience = details.audience
    training.derive_instants()


def details_of(training: Training) -> TrainingDetails:
    """The current details of a training, to edit them."""
    return TrainingDetails(
        title=training.title,
        provider=training.provider,
        format=training.format,
        time_zone=training.time_zone,
        starts_on=training.starts_on,
        ends_on=training.ends_on,
        deadline_on=training.deadline_on,
        description=training.description,
        language=training.language,
        location=training.location,
        languages=list(training.languages),
        is_free=training.is_free,
        cost_amount=training.cost_amount,
        currency=training.currency,
        has_certificate=training.has_certificate,
        url=training.url,
        audience=training.audience,
        themes=list(training.themes.all()),
    )
