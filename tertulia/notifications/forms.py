"""The preferences page's form: one choice per kind, then the mail settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tertulia.notifications.models import Delivery, DigestFormat, Kind
from tertulia.notifications.services.preferences import MailChoices

HOURS = [(hour, f"{hour:02d}:00") for hour in range(24)]


def kind_field_name(kind: str) -> str:
    return f"kind_{kind}"


class PreferencesForm(forms.Form):
    digest_format = forms.ChoiceField(
        label=_("Digests show"), choices=DigestFormat.choices, widget=forms.RadioSelect
    )
    digest_hour = forms.TypedChoiceField(
        label=_("Send my daily and weekly digests at"),
        choices=HOURS,
        coerce=int,
        help_text=_("In your own time zone."),
    )
    mailing_list_mode = forms.BooleanField(
        label=_("Mailing-list mode: email me every post in the forums I follow"), required=False
    )
    newsletter_opt_out = forms.BooleanField(
        label=_("Do not send me the newsletter"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind_field_name(kind)] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, widget=forms.RadioSelect
            )

    def kind_rows(self) -> list[tuple[str, forms.BoundField]]:
        return [(str(kind.label), self[kind_field_name(kind)]) for kind in Kind]

    def deliveries(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[kind_field_name(kind)] for kind in Kind}

    def mail_choices(self) -> MailChoices:
        data = self.cleaned_data
        return MailChoices(
            digest_format=data["digest_format"],
            digest_hour=data["digest_hour"],
            mailing_list_mode=data["mailing_list_mode"],
            newsletter_opt_out=data["newsletter_opt_out"],
        )
