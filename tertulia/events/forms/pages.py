"""Small forms on the event pages: a question, a message to registrants, the list filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tertulia.events.models import EventKind
from tertulia.forums.languages import content_language_choices


class QuestionForm(forms.Form):
    body = forms.CharField(
        label=_("Your question"),
        strip=False,
        # No max_length: the service says how long it may be and how long it is.
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2_000}),
        error_messages={"required": _("Write your question before sending it.")},
    )


class EmailRegistrantsForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), strip=False)
    message = forms.CharField(
        label=_("Message"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown works. Each registered member receives it by email."),
    )


class EventFilterForm(forms.Form):
    """The filters above the lists; a bad value is ignored, never an error page."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    series = forms.TypedChoiceField(label=_("Series"), required=False, coerce=int, empty_value=None)
    dialogue = forms.IntegerField(
        label=_("Virtual dialogue number"), required=False, min_value=1, max_value=100_000
    )

    def __init__(
        self, *args: Any, series_choices: Sequence[tuple[int, str]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        language = self.fields["language"]
        series = self.fields["series"]
        assert isinstance(kind, forms.ChoiceField)  # noqa: S101  # declared above
        assert isinstance(language, forms.ChoiceField)  # noqa: S101  # declared above
        assert isinstance(series, forms.ChoiceField)  # noqa: S101  # declared above
        kind.choices = [("", _("All kinds")), *EventKind.choices]
        language.choices = [("", _("All languages")), *content_language_choices()]
        series.choices = [("", _("All series")), *series_choices]

    def filters(self) -> dict[str, Any]:
        """The valid filters, each dropped when its value is bad."""
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {k: v for k, v in cleaned.items() if v not in (None, "") and k not in self.errors}
