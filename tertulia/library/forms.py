"""Forms for suggesting and editing a resource, and for declining one.

Forms only parse: the services check everything that makes a resource acceptable (an
empty title, a `javascript:` link, a file whose content does not match its name, a
file and a link at once), so the API would get the same answers. Their messages come
back to the field they are about.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tertulia.core.models import Theme
from tertulia.dialogues.models import Dialogue
from tertulia.events.models import Event
from tertulia.forums.languages import CONTENT_LANGUAGES, content_language_choices
from tertulia.library.models import (
    AUTHORS_MAX,
    DESCRIPTION_MAX,
    ORGANISATION_MAX,
    REASON_MAX,
    TITLE_MAX,
    URL_MAX,
    Resource,
    ResourceKind,
)
from tertulia.library.services.resources import Related

# The events a resource can be linked to: the latest ones (and any already linked).
EVENT_CHOICES = 100


def _event_choices(resource: Resource | None) -> QuerySet[Event]:
    latest = Event.objects.order_by("-starts_at").values("pk")[:EVENT_CHOICES]
    wanted = Q(pk__in=latest)
    if resource is not None and resource.pk:
        wanted |= Q(pk__in=resource.related_events.all().values("pk"))
    return Event.objects.filter(wanted).order_by("-starts_at")


class EventChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # stubs
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.starts_at:%Y-%m-%d})"


class DialogueChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # stubs
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number}. {obj.title}"


class ResourceForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Choose a type")), *ResourceKind.choices],
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": DESCRIPTION_MAX}),
        help_text=_(
            "What it is, who it is for and what you found useful in it. Markdown works: "
            "**bold**, *italic*, [links](https://example.org), lists."
        ),
    )
    description_language = forms.ChoiceField(
        label=_("Language of the title and description"),
        required=False,
        help_text=_("Leave it to be detected from the title and description, or choose it."),
    )
    authors = forms.CharField(
        label=_("Authors"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": AUTHORS_MAX}),
    )
    organisation = forms.CharField(
        label=_("Publishing organisation"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": ORGANISATION_MAX}),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        error_messages={"invalid": _("Give the year as four digits, such as 2017.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Available in"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_languages = forms.CharField(
        label=_("Other languages"),
        required=False,
        max_length=200,
        help_text=_("Language codes separated by commas, such as sw, hi, qu."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "A document (PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV) or a picture. "
            "Give either a file or a link."
        ),
    )
    url = forms.CharField(
        label=_("Link"),
        required=False,
        widget=forms.URLInput(attrs={"maxlength": URL_MAX, "placeholder": "https://"}),
        help_text=_("Where the resource can be read or watched, starting with https://."),
    )
    cover = forms.FileField(
        label=_("Cover picture (optional)"),
        required=False,
        help_text=_("A JPEG, PNG, WebP or GIF picture; it is resized and its metadata removed."),
    )
    related_dialogues = DialogueChoiceField(
        label=_("Related virtual dialogues"),
        required=False,
        queryset=Dialogue.objects.order_by("-number"),
        widget=forms.CheckboxSelectMultiple,
    )
    related_events = EventChoiceField(
        label=_("Related events"),
        required=False,
        queryset=Event.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, resource: Resource | None = None, **kwargs: Any) -> None:
        if resource is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(resource)
        super().__init__(*args, **kwargs)
        self.resource = resource
        self.fields["languages"].choices = content_language_choices()  # type: ignore[attr-defined]  # ChoiceField
        self.fields["description_language"].choices = [  # type: ignore[attr-defined]  # ChoiceField
            ("", _("Detect automatically")),
            *content_language_choices(),
        ]
        self.fields["related_events"].queryset = _event_choices(resource)  # type: ignore[attr-defined]  # ModelChoiceField
        if resource is not None:
            self.fields["file"].label = _("Replace the file")
            self.fields["url"].help_text = _(
                "A link given without a new file replaces the file; a new file replaces the link."
            )
            if resource.cover:
                self.fields["remove_cover"] = forms.BooleanField(
                    label=_("Remove the cover picture"), required=False
                )

    @staticmethod
    def initial_for(resource: Resource) -> dict[str, Any]:
        return {
            "title": resource.title,
            "kind": resource.kind,
            "description": resource.description,
            # Kept as it is (it may have been corrected) unless its editor asks to detect it.
            "description_language": resource.description_language,
            "authors": resource.authors,
            "organisation": resource.organisation,
            "year": resource.year,
            "languages": [code for code in resource.languages if code in CONTENT_LANGUAGES],
            "other_languages": ", ".join(
                code for code in resource.languages if code not in CONTENT_LANGUAGES
            ),
            "themes": list(resource.themes.all()),
            "url": resource.url,
            "related_dialogues": list(resource.related_dialogues.all()),
            "related_events": list(resource.related_events.all()),
        }

    def language_codes(self) -> list[str]:
        codes = list(self.cleaned_data.get("languages") or [])
        other = self.cleaned_data.get("other_languages") or ""
        codes += [code for code in other.replace(";", ",").replace(" ", ",").split(",") if code]
        return codes

    def related(self) -> Related:
        return Related(
            themes=list(self.cleaned_data.get("themes") or []),
            dialogues=list(self.cleaned_data.get("related_dialogues") or []),
            events=list(self.cleaned_data.get("related_events") or []),
        )

    def service_arguments(self) -> dict[str, Any]:
        """The keyword arguments of submit_resource / edit_resource."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "description": data["description"],
            "languages": self.language_codes(),
            "year": data["year"],
            "authors": data["authors"],
            "organisation": data["organisation"],
            "url": data["url"],
            "file": data.get("file") or None,
            "cover": data.get("cover") or None,
            "related": self.related(),
            "description_language": data.get("description_language") or "",
        }

    def add_service_errors(self, error: forms.ValidationError) -> None:
        """Put each message of the service's ValidationError at its field."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            target = "other_languages" if field == "languages" else field
            self.add_error(target if target in self.fields else None, messages)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not published"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX}),
        help_text=_("The member who suggested it receives this by mail."),
    )


class ThemeForm(forms.Form):
    name_en = forms.CharField(label=_("Name in English"), required=False, max_length=160)
    name_es = forms.CharField(label=_("Name in Spanish"), required=False, max_length=160)
    name_fr = forms.CharField(label=_("Name in French"), required=False, max_length=160)
