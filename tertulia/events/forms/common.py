"""The pieces every event form uses: naive local date-times, the zone field, the
fields an event and a series share, and service errors put back at their fields."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import BaseTemporalField
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from tertulia.core.languages import language_name
from tertulia.core.timezones import validate_zone, zone_choices
from tertulia.core.validators import validate_plausible_day
from tertulia.events.models import DESCRIPTION_MAX, TITLE_MAX, EventKind
from tertulia.events.services.fields import CAPACITY_MAX
from tertulia.forums.languages import content_language_choices

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as typed, without a zone (the form's zone field gives it one)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)
    default_validators = [validate_plausible_day]
    default_error_messages = {
        "invalid": _("Enter a date and time, for example 2026-05-14 15:00."),
    }

    def prepare_value(self, value: Any) -> Any:
        return value

    def to_python(self, value: Any) -> datetime | None:
        """Like DateTimeField, minus the conversion from the current zone, which would
        fail on (or silently shift) a time that does not exist there."""
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if parsed is None:  # other formats from the locale, e.g. "14/05/2026 15:00"
            parsed = BaseTemporalField.to_python(self, value)
        if not isinstance(parsed, datetime):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed.replace(tzinfo=None, second=0, microsecond=0)


def zone_field(**kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Time zone of these times"),
        max_length=64,
        validators=[validate_zone],
        widget=forms.Select(choices=zone_choices()),
        help_text=_("The organiser's zone: the event keeps this local time."),
        **kwargs,
    )


def add_service_errors(
    form: forms.Form, error: ValidationError, aliases: Mapping[str, str] = {}
) -> None:
    """Put a service's ValidationError at the form's fields; unknown keys go on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, problems in error.error_dict.items():
        field = aliases.get(key, key)
        form.add_error(field if field in form.fields else None, problems)


class EventFieldsMixin(forms.Form):
    """The fields an event and a series share."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX * 2, strip=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_(
            "The language it is held in. Choose “Detect automatically” to have it read "
            "from the title and description."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        strip=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown works: **bold**, *italic*, [links](https://example.org), lists."),
    )
    join_url = forms.URLField(
        label=_("Online join link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "Shown only to registered members, from 30 minutes before the start until the end."
        ),
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=300,
        help_text=_("Leave empty for an online event."),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        max_value=CAPACITY_MAX,
        help_text=_("Leave empty for no limit. When it is full, members join a waiting list."),
    )

    def set_language_choices(self) -> None:
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101  # declared above
        choices = content_language_choices()
        current = str(self.initial.get("language") or "")
        if current and current not in dict(choices):  # an older event in another language
            choices.append((current, language_name(current)))
        field.choices = [("", _("Detect automatically")), *choices]
