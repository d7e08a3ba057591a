"""Forms for suggesting and editing a training, declining one, and its discussion.

Forms parse (dates, numbers, choices); the services decide what is acceptable, so the
API and the pages give the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tertulia.core.languages import language_name
from tertulia.core.models import Theme
from tertulia.core.timezones import zone_choices
from tertulia.forums.languages import content_language_choices
from tertulia.forums.models import Forum
from tertulia.forums.moderation_forms import thread_id_in
from tertulia.trainings.models import (
    AUDIENCE_MAX,
    DESCRIPTION_MAX,
    LOCATION_MAX,
    PROVIDER_MAX,
    REASON_MAX,
    TITLE_MAX,
    URL_MAX,
    Training,
    TrainingFormat,
)
from tertulia.trainings.services.details import TrainingDetails

# Offered as boxes to tick; any other language is typed as a code.
COMMON_LANGUAGES = ("en", "es", "fr", "pt", "ar")
FREE, PAID = "free", "paid"


def _text(label: Any, limit: int, *, required: bool = True, **kwargs: Any) -> forms.CharField:
    # maxlength in the page for the browser's sake; the service explains the limit in words.
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.TextInput(attrs={"maxlength": limit}),
        **kwargs,
    )


def _day(
    label: Any, *, required: bool = True, required_message: Any = None, **kwargs: Any
) -> forms.DateField:
    messages = {"invalid": _("Give a date as year-month-day, such as 2026-09-04.")}
    if required_message:
        messages["required"] = required_message
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=messages,
        **kwargs,
    )


class TrainingForm(forms.Form):
    title = _text(
        _("Title"),
        TITLE_MAX,
        error_messages={"required": _("Give the training's title.")},
    )
    provider = _text(
        _("Provider organisation"),
        PROVIDER_MAX,
        error_messages={"required": _("Name the organisation that offers the training.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": DESCRIPTION_MAX}),
        help_text=_(
            "What participants learn, how it is taught, how to apply. Markdown works: "
            "**bold**, *italic*, [links](https://example.org), lists."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the description"),
        required=False,
        choices=(),
        help_text=_(
            "Choose “Detect automatically” to have it read from the title and description."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=TrainingFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the training is given.")},
    )
    location = _text(
        _("Location"),
        LOCATION_MAX,
        required=False,
        help_text=_("For face-to-face and blended trainings: venue, city and country."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages the training is given in"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )
    other_languages = _text(
        _("Other languages"),
        100,
        required=False,
        help_text=_("Two-letter codes separated by commas, such as sw, hi."),
    )
    starts_on = _day(_("First day"), required_message=_("Give the first day of the training."))
    ends_on = _day(_("Last day"), required_message=_("Give the last day of the training."))
    deadline_on = _day(
        _("Application deadline"),
        required=False,
        help_text=_("The last day to apply. Leave empty if one can apply until it ends."),
    )
    time_zone = forms.ChoiceField(
        label=_("Provider's time zone"),
        choices=(),
        help_text=_("The deadline ends at midnight in this zone."),
    )
    cost_kind = forms.ChoiceField(
        label=_("Cost"),
        choices=[(FREE, _("Free")), (PAID, pgettext_lazy("cost", "Paid"))],
        widget=forms.RadioSelect,
        initial=FREE,
    )
    cost_amount = forms.DecimalField(
        label=_("Amount"),
        required=False,
        help_text=_("For paid trainings: the fee a participant pays, such as 450 or 1250.50."),
        error_messages={"invalid": _("Give the amount as a number, such as 450 or 1250.50.")},
    )
    currency = _text(
        _("Currency"),
        3,
        required=False,
        help_text=_("A three-letter code such as EUR, USD, XOF or INR."),
    )
    has_certificate = forms.BooleanField(
        label=_("Participants receive a certificate"), required=False
    )
    url = forms.CharField(
        label=_("Web address"),
        required=False,
        widget=forms.URLInput(attrs={"maxlength": URL_MAX}),
        help_text=_("Where to read more and apply, starting with https://."),
    )
    audience = _text(
        _("Audience"),
        AUDIENCE_MAX,
        required=False,
        help_text=_("Who the training is for, such as “gender focal points in the UN system”."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, can_publish: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            ("", _("Detect automatically")),
            *content_language_choices(),
        ]
        self.fields["languages"].choices = [  # type: ignore[attr-defined]
            (code, language_name(code)) for code in COMMON_LANGUAGES
        ]
        self.fields["time_zone"].choices = zone_choices()  # type: ignore[attr-defined]
        if can_publish:
            self.fields["publish"] = forms.BooleanField(
                label=_("Publish it now (you are a facilitator)"), required=False, initial=True
            )

    def languages_typed(self) -> list[str]:
        typed = self.cleaned_data.get("other_languages") or ""
        return [code for code in re.split(r"[\s,;]+", typed.lower()) if code]

    def to_details(self) -> TrainingDetails:
        data = self.cleaned_data
        return TrainingDetails(
            title=data["title"],
            provider=data["provider"],
            description=data["description"],
            language=data.get("language") or "",
            format=data["format"],
            location=data["location"],
            languages=[*data["languages"], *self.languages_typed()],
            time_zone=data["time_zone"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            deadline_on=data["deadline_on"],
            is_free=data["cost_kind"] != PAID,
            cost_amount=data["cost_amount"],
            currency=data["currency"],
            has_certificate=data["has_certificate"],
            url=data["url"],
            audience=data["audience"],
            themes=list(data["themes"]),
        )


def initial_for(training: Training) -> dict[str, Any]:
    """The edit form's starting values."""
    languages: Sequence[str] = training.languages or []
    return {
        "title": training.title,
        "provider": training.provider,
        "description": training.description,
        "language": training.language,
        "format": training.format,
        "location": training.location,
        "languages": [code for code in languages if code in COMMON_LANGUAGES],
        "other_languages": ", ".join(code for code in languages if code not in COMMON_LANGUAGES),
        "starts_on": training.starts_on,
        "ends_on": training.ends_on,
        "deadline_on": training.deadline_on,
        "time_zone": training.time_zone,
        "cost_kind": FREE if training.is_free else PAID,
        "cost_amount": training.cost_amount,
        "currency": training.currency,
        "has_certificate": training.has_certificate,
        "url": training.url,
        "audience": training.audience,
        "themes": list(training.themes.all()),
    }


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, for the member who suggested it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX}),
    )


class LinkThreadForm(forms.Form):
    thread = forms.CharField(
        label=_("Thread number or address"),
        max_length=URL_MAX,
        help_text=_("Paste the thread's address, such as https://…/forums/t/123/, or its number."),
        error_messages={"required": _("Give the thread's address or number.")},
    )

    def clean_thread(self) -> int:
        thread_id = thread_id_in(self.cleaned_data["thread"])
        if thread_id is None:
            raise forms.ValidationError(
                _("This is not a thread address. Open the thread and copy the address bar.")
            )
        return thread_id


class StartDiscussionForm(forms.Form):
    forum = forms.ModelChoiceField(
        label=_("Forum"),
        queryset=Forum.objects.all(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose a forum from the list.")},
    )
