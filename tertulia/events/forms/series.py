"""A series from plain fields: a first date, how it repeats, how many times or until
when, and a list of other dates. The form builds the RFC 5545 rule from them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tertulia.core.validators import validate_plausible_day
from tertulia.events.forms.common import EventFieldsMixin, LocalDateTimeField, zone_field
from tertulia.events.models import MAX_OCCURRENCES
from tertulia.forums.languages import content_language_choices

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Frequency:
    NONE = ""
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY_DATE = "monthly-date"
    MONTHLY_WEEKDAY = "monthly-weekday"

    choices = (
        (NONE, _("Only the dates below")),
        (WEEKLY, _("Every week")),
        (FORTNIGHTLY, _("Every 2 weeks")),
        (MONTHLY_DATE, _("Every month, on the same date")),
        (MONTHLY_WEEKDAY, _("Every month, on the same weekday (e.g. the 2nd Thursday)")),
    )


WEEKDAY_CHOICES = (
    ("", _("The weekday of the first date")),
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
)

_EXTRA_DATE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ T](\d{1,2}:\d{2}))?$")


class SeriesForm(EventFieldsMixin, forms.Form):
    """A series: a first date and time, a simple repeat rule, and/or a list of dates."""

    languages = forms.MultipleChoiceField(
        label=_("Languages of the series"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a bilingual series; each date has its own language above."),
    )
    time_zone = zone_field()
    first_start_local = LocalDateTimeField(label=_("First date and time (local time)"))
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=5, max_value=24 * 60, initial=60
    )
    frequency = forms.ChoiceField(
        label=_("Repeats"), choices=Frequency.choices, required=False, initial=Frequency.WEEKLY
    )
    weekday = forms.ChoiceField(
        label=pgettext_lazy("series", "On"),
        choices=WEEKDAY_CHOICES,
        required=False,
        help_text=_("For weekly series."),
    )
    count = forms.IntegerField(
        label=_("Number of times"),
        required=False,
        min_value=1,
        max_value=MAX_OCCURRENCES,
        help_text=_("Either this or the last date."),
        error_messages={
            "max_value": _("A series can have at most %(limit_value)s dates."),
        },
    )
    until = forms.DateField(
        label=_("Last date"),
        required=False,
        validators=[validate_plausible_day],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    extra_dates = forms.CharField(
        label=_("Other dates"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line, as 2026-05-14 or 2026-05-14 18:30 (local time). Without a time, "
            "the first date's time is used."
        ),
    )

    field_order = (
        "title",
        "kind",
        "language",
        "languages",
        "time_zone",
        "first_start_local",
        "duration_minutes",
        "frequency",
        "weekday",
        "count",
        "until",
        "extra_dates",
    )
    aliases: Mapping[str, str] = {
        "rrule": "frequency",
        "extra_dates_local": "extra_dates",
        "first_start": "first_start_local",
        "starts_local": "first_start_local",
    }

    def service_aliases(self) -> dict[str, str]:
        """Where a service's error about the rule belongs: the end that was given."""
        data = getattr(self, "cleaned_data", {})
        rule_field = "count" if data.get("count") else "until" if data.get("until") else "frequency"
        return {**self.aliases, "rrule": rule_field}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_language_choices()
        languages = self.fields["languages"]
        assert isinstance(languages, forms.MultipleChoiceField)  # noqa: S101  # declared above
        languages.choices = content_language_choices()
        self.extra_starts: list[datetime] = []

    def clean_extra_dates(self) -> str:
        text: str = self.cleaned_data.get("extra_dates") or ""
        problems = []
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            if _EXTRA_DATE.match(line) is None:
                problems.append(
                    _(
                        "Line %(number)s: “%(text)s” is not a date like 2026-05-14 "
                        "or 2026-05-14 18:30."
                    )
                    % {"number": number, "text": line[:40]}
                )
        if problems:
            raise ValidationError(problems)
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        frequency = data.get("frequency") or Frequency.NONE
        count, until = data.get("count"), data.get("until")
        if frequency and count is None and until is None:
            self.add_error(
                "count", _("Say how many times the series meets, or give its last date.")
            )
        if frequency and count is not None and until is not None:
            self.add_error("until", _("Give the number of times or the last date, not both."))
        first = data.get("first_start_local")
        weekday = data.get("weekday")
        weekly = frequency in {Frequency.WEEKLY, Frequency.FORTNIGHTLY}
        if first is not None and weekly and weekday and weekday != WEEKDAYS[first.weekday()]:
            # The rule would skip the first date; say so rather than surprise anyone.
            self.add_error(
                "weekday",
                _("The first date is a %(day)s: choose that day, or change the first date.")
                % {"day": dict(WEEKDAY_CHOICES)[WEEKDAYS[first.weekday()]]},
            )
        if first is not None and "extra_dates" in data:
            self.extra_starts = self._extra_starts(data["extra_dates"], first.time())
        return data

    @staticmethod
    def _extra_starts(text: str, default_time: time) -> list[datetime]:
        starts = []
        for number, line in enumerate(text.splitlines(), start=1):
            match = _EXTRA_DATE.match(line.strip())
            if match is None:
                continue
            try:
                day = date.fromisoformat(_padded(match.group(1)))
                at = time.fromisoformat(match.group(2).zfill(5)) if match.group(2) else default_time
            except ValueError:
                raise ValidationError(
                    {
                        "extra_dates": _("Line %(number)s: “%(text)s” is not a real date.")
                        % {"number": number, "text": line.strip()[:40]}
                    }
                ) from None
            try:
                validate_plausible_day(day)
            except ValidationError as error:
                raise ValidationError(
                    {
                        "extra_dates": _("Line %(number)s: %(problem)s")
                        % {"number": number, "problem": error.messages[0]}
                    }
                ) from None
            starts.append(datetime.combine(day, at))
        return starts

    def rrule(self) -> str:
        """The RFC 5545 rule for what was chosen ("" when only explicit dates)."""
        data = self.cleaned_data
        frequency = data.get("frequency") or Frequency.NONE
        first: datetime = data["first_start_local"]
        if not frequency:
            return ""
        weekday = data.get("weekday") or WEEKDAYS[first.weekday()]
        parts = {
            Frequency.WEEKLY: ["FREQ=WEEKLY", f"BYDAY={weekday}"],
            Frequency.FORTNIGHTLY: ["FREQ=WEEKLY", "INTERVAL=2", f"BYDAY={weekday}"],
            Frequency.MONTHLY_DATE: ["FREQ=MONTHLY", f"BYMONTHDAY={first.day}"],
            Frequency.MONTHLY_WEEKDAY: ["FREQ=MONTHLY", f"BYDAY={_nth_weekday(first)}"],
        }[frequency]
        if data.get("count") is not None:
            parts.append(f"COUNT={data['count']}")
        elif data.get("until") is not None:
            # Local (floating) form, as the rule is expanded in local time.
            parts.append(f"UNTIL={data['until']:%Y%m%d}T235959")
        return ";".join(parts)

    def series_fields(self) -> dict[str, Any]:
        """The keyword arguments of create_series."""
        data = self.cleaned_data
        language = data.get("language") or ""
        languages = list(data.get("languages") or [])
        if language and language not in languages:
            languages.insert(0, language)
        return {
            "title": data["title"],
            "kind": data["kind"],
            "language": language,
            "languages": languages,
            "time_zone": data["time_zone"],
            "first_start_local": data["first_start_local"],
            "duration_minutes": data["duration_minutes"],
            "rrule": self.rrule(),
            "extra_dates_local": self.extra_starts,
            "description": data["description"],
            "join_url": data["join_url"],
            "place": data["place"],
            "capacity": data["capacity"],
        }


def _padded(day: str) -> str:
    year, month, dom = day.split("-")
    return f"{year}-{int(month):02d}-{int(dom):02d}"


def _nth_weekday(first: datetime) -> str:
    """ "+2TH" for the second Thursday; "-1TH" for a fifth one (the last of the month)."""
    nth = (first.day - 1) // 7 + 1
    return f"{'-1' if nth == 5 else f'+{nth}'}{WEEKDAYS[first.weekday()]}"
