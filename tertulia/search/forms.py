"""The search form: a query box and filters, read from the query string (GET)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tertulia.core.languages import content_language_choices
from tertulia.core.validators import validate_plausible_day
from tertulia.search.queries import SearchRequest, type_choices


class DateInput(forms.DateInput):
    input_type = "date"


class SearchForm(forms.Form):
    # No max_length: a long query is cut and the page says so, rather than refused.
    q = forms.CharField(label=_("Search for"), required=False)
    type = forms.ChoiceField(label=pgettext_lazy("kind of content", "Type"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput,
        help_text=_("For example 2025-03-31."),
        validators=[validate_plausible_day],
    )
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput,
        help_text=_("For example 2025-12-31."),
        validators=[validate_plausible_day],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        type_field = self.fields["type"]
        assert isinstance(type_field, forms.ChoiceField)  # noqa: S101  # declared above
        type_field.choices = [("", _("Everything")), *type_choices()]
        language_field = self.fields["language"]
        assert isinstance(language_field, forms.ChoiceField)  # noqa: S101  # declared above
        language_field.choices = [("", _("Any language")), *content_language_choices()]
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def search_request(self) -> SearchRequest:
        """The cleaned search; call only when the form is valid."""
        data = self.cleaned_data
        return SearchRequest(
            text=data.get("q") or "",
            kind=data.get("type") or "",
            language=data.get("language") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
