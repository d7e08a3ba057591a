"""How a training reads in a page: its application state, its cost, its languages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django import template

from tertulia.core.languages import language_name
from tertulia.trainings.cost import format_cost
from tertulia.trainings.models import Training
from tertulia.trainings.states import application_state, state_label

register = template.Library()


@register.simple_tag
def training_state(training: Training, now: datetime | None = None) -> str:
    """ "closes in 3 days", "applications closed" or "ended"."""
    return state_label(training, now)


@register.simple_tag
def training_state_key(training: Training, now: datetime | None = None) -> str:
    """ "open", "closed" or "ended", for a class name."""
    return application_state(training, now).value


@register.filter
def training_cost(training: Training) -> str:
    """ "Free", or the amount in the viewer's language's notation ("1.250,50 €")."""
    return format_cost(training.cost_amount, str(training.currency))


@register.filter
def language_names(codes: Sequence[str] | None) -> str:
    return ", ".join(language_name(code) for code in codes or ())
