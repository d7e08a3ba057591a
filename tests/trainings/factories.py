"""Trainings test data: rows as the services leave them, with keyword-only arguments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.core.models import Theme
from tertulia.trainings.models import Training, TrainingFormat, TrainingStatus
from tertulia.trainings.services.details import TrainingDetails, training_slug


def make_theme(*, slug: str, name_en: str, name_es: str = "", name_fr: str = "") -> Theme:
    theme, _created = Theme.objects.get_or_create(
        slug=slug, defaults={"name_en": name_en, "name_es": name_es, "name_fr": name_fr}
    )
    return theme


def make_training(
    *,
    title: str = "Participatory Gender Audit",
    provider: str = "International Labour Organization",
    starts_on: date | None = None,
    ends_on: date | None = None,
    deadline_on: date | None = None,
    time_zone: str = "Europe/Paris",
    status: str = TrainingStatus.PUBLISHED,
    format: str = TrainingFormat.FACILITATED_ONLINE,
    languages: Sequence[str] = ("en",),
    cost_amount: Decimal | None = None,
    currency: str = "",
    themes: Sequence[Theme] = (),
    description: str = "A six-week course.",
    suggested_by: Member | None = None,
    **fields: Any,
) -> Training:
    """A training starting in four weeks, six weeks long, applications closing in two weeks
    (unless dates are given); published unless told otherwise."""
    today = timezone.now().date()
    starts_on = starts_on or today + timedelta(weeks=4)
    ends_on = ends_on or starts_on + timedelta(weeks=6)
    if deadline_on is None and "deadline_on" not in fields:
        deadline_on = min(today + timedelta(weeks=2), ends_on)
    training = Training(
        title=title,
        slug=training_slug(title),
        provider=provider,
        starts_on=starts_on,
        ends_on=ends_on,
        deadline_on=deadline_on,
        time_zone=time_zone,
        status=status,
        format=format,
        languages=list(languages),
        cost_amount=cost_amount,
        currency=currency,
        description=description,
        description_html=render_markdown(description),
        suggested_by=suggested_by,
        published_at=timezone.now() if status == TrainingStatus.PUBLISHED else None,
        **fields,
    )
    training.derive_instants()
    training.save()
    if themes:
        training.themes.set(themes)
    return training


def details(**changes: Any) -> TrainingDetails:
    """Good details for a suggestion, with `changes` applied."""
    today = timezone.now().date()
    values: dict[str, Any] = {
        "title": "Gender-responsive evaluation",
        "provider": "UN Women Training Centre",
        "format": TrainingFormat.SELF_PACED,
        "time_zone": "America/Santo_Domingo",
        "starts_on": today + timedelta(days=30),
        "ends_on": today + timedelta(days=72),
        "deadline_on": today + timedelta(days=10),
        "description": "How to **manage** a gender-responsive evaluation.",
        "language": "en",
        "languages": ["en", "es"],
    }
    values.update(changes)
    return TrainingDetails(**values)


def form_data(**changes: Any) -> dict[str, Any]:
    """What the suggestion form sends for a good suggestion, with `changes` applied."""
    today = timezone.now().date()
    data: dict[str, Any] = {
        "title": "Gender-responsive evaluation",
        "provider": "UN Women Training Centre",
        "description": "How to manage a gender-responsive evaluation.",
        "language": "en",
        "format": TrainingFormat.SELF_PACED,
        "location": "",
        "languages": ["en", "es"],
        "other_languages": "",
        "starts_on": (today + timedelta(days=30)).isoformat(),
        "ends_on": (today + timedelta(days=72)).isoformat(),
        "deadline_on": (today + timedelta(days=10)).isoformat(),
        "time_zone": "America/Santo_Domingo",
        "cost_kind": "free",
        "cost_amount": "",
        "currency": "",
        "url": "https://trainingcentre.unwomen.org/course",
        "audience": "Evaluation managers",
    }
    data.update(changes)
    return data
