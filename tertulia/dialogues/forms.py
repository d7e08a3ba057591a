"""Forms for the dialogue pages. They parse what was typed; the services decide whether it
is acceptable (a number not taken, a last day after the first, a real PDF) and their
errors are put back at the field they concern.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from tertulia.accounts.models import Member, Role
from tertulia.core.models import Theme
from tertulia.core.timezones import zone_choices
from tertulia.core.validators import validate_plausible_day
from tertulia.dialogues.models import TEXT_MAX, TITLE_MAX, Dialogue, MaterialKind
from tertulia.dialogues.services.dialogues import NewSpeaker
from tertulia.dialogues.services.fields import NUMBER_MAX, SUMMARY_MAX
from tertulia.events.models import DESCRIPTION_MAX, Event, EventKind, Speaker
from tertulia.events.services.fields import CAPACITY_MAX
from tertulia.forums.languages import content_language_choices

MARKDOWN_HELP = _("Markdown works: **bold**, *italic*, [links](https://example.org), lists.")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def set_choices(form: forms.Form, name: str, choices: Sequence[tuple[str, StrOrPromise]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101  # a choice field by declaration
    field.choices = choices


def set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  # a model field by declaration
    field.queryset = queryset


class DialogueForm(forms.Form):
    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        max_value=NUMBER_MAX,
        help_text=_("Dialogues are numbered in order: the 10th, the 11th…"),
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX * 2)
    summary = forms.CharField(
        label=_("Topic summary"),
        max_length=SUMMARY_MAX * 2,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences shown in the lists and at the top of the forum."),
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        help_text=_("The days below start and end at midnight in this zone."),
    )
    opens_on = forms.DateField(
        label=_("First day"), widget=DATE_WIDGET, validators=[validate_plausible_day]
    )
    closes_on = forms.DateField(
        label=_("Last day"),
        widget=DATE_WIDGET,
        validators=[validate_plausible_day],
        help_text=_("The forum stays open until the end of this day."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    concept_note = forms.CharField(
        label=_("Concept note"),
        required=False,
        strip=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=MARKDOWN_HELP,
    )
    concept_note_pdf = forms.FileField(
        label=_("Concept note as a PDF"),
        required=False,
        help_text=_("Optional. Members on slow connections can read the text above instead."),
    )
    remove_concept_note_pdf = forms.BooleanField(label=_("Remove the current PDF"), required=False)
    key_questions = forms.CharField(
        label=_("Key questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One question per line."),
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to be the only facilitator."),
    )
    speakers = forms.ModelMultipleChoiceField(
        label=_("Guest experts"),
        queryset=Speaker.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    speaker_name = forms.CharField(
        label=_("New guest expert's name"),
        required=False,
        max_length=300,
        help_text=_("To add a guest expert who is not in the list above."),
    )
    speaker_organisation = forms.CharField(
        label=_("New guest expert's organisation"), required=False, max_length=300
    )
    speaker_bio = forms.CharField(
        label=_("New guest expert's short bio"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MARKDOWN_HELP,
    )
    speaker_photo = forms.ImageField(label=_("New guest expert's photo"), required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "time_zone", zone_choices())
        set_choices(self, "languages", content_language_choices())
        set_queryset(self, "themes", Theme.objects.order_by("name_en"))
        set_queryset(
            self,
            "facilitators",
            Member.objects.filter(is_active=True)
            .filter(facilitator_filter())
            .order_by("display_name"),
        )
        set_queryset(self, "speakers", Speaker.objects.order_by("name", "pk"))
        if not editing:
            del self.fields["remove_concept_note_pdf"]

    @staticmethod
    def initial_for(dialogue: Dialogue) -> dict[str, Any]:
        return {
            "number": dialogue.number,
            "title": dialogue.title,
            "summary": dialogue.summary,
            "time_zone": dialogue.time_zone,
            "opens_on": dialogue.opens_on,
            "closes_on": dialogue.closes_on,
            "languages": dialogue.languages,
            "themes": list(dialogue.themes.all()),
            "concept_note": dialogue.concept_note,
            "key_questions": "\n".join(dialogue.key_questions),
            "facilitators": list(dialogue.facilitators.all()),
            "speakers": [row.speaker for row in dialogue.dialogue_speakers.all()],
        }

    def service_fields(self) -> dict[str, Any]:
        """The keyword arguments of create_dialogue / update_dialogue."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "number": data["number"],
            "title": data["title"],
            "summary": data["summary"],
            "time_zone": data["time_zone"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "languages": data["languages"],
            "themes": list(data["themes"]),
            "concept_note": data["concept_note"],
            "key_questions": data["key_questions"],
            "facilitators": list(data["facilitators"]),
            "speakers": self._ordered_speakers(),
            "new_speakers": self._new_speakers(),
        }
        if data.get("concept_note_pdf"):
            values["concept_note_pdf"] = data["concept_note_pdf"]
        if data.get("remove_concept_note_pdf"):
            values["remove_concept_note_pdf"] = True
        return values

    def _ordered_speakers(self) -> list[Speaker]:
        chosen = list(self.cleaned_data["speakers"])
        # Keep the order of the form's initial list (the dialogue's order), then new ones.
        initial = [s.pk for s in self.initial.get("speakers", []) if isinstance(s, Speaker)]
        rank = {pk: index for index, pk in enumerate(initial)}
        return sorted(chosen, key=lambda s: (rank.get(s.pk, len(rank)), s.name))

    def _new_speakers(self) -> list[NewSpeaker]:
        data = self.cleaned_data
        if not (data.get("speaker_name") or "").strip():
            return []
        return [
            NewSpeaker(
                name=data["speaker_name"],
                organisation=data["speaker_organisation"],
                bio=data["speaker_bio"],
                photo=data.get("speaker_photo") or None,
            )
        ]


def facilitator_filter() -> Q:
    """Members who can facilitate: the facilitator role, or staff."""
    return Q(role=Role.FACILITATOR) | Q(is_staff=True)


class WebinarForm(forms.Form):
    """A webinar of the dialogue, on one day, typed in the organiser's local time."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX * 2)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices, initial=EventKind.WEBINAR)
    language = forms.ChoiceField(label=_("Language"))
    time_zone = forms.ChoiceField(
        label=_("Time zone of these times"),
        help_text=_("The organiser's zone; members see the time in theirs too."),
    )
    day = forms.DateField(label=_("Day"), widget=DATE_WIDGET, validators=[validate_plausible_day])
    starts_at_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at_time = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        strip=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    join_url = forms.CharField(
        label=_("Online join link"),
        required=False,
        max_length=1_000,
        help_text=_(
            "Shown only to registered members, from 30 minutes before the start until the end."
        ),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        max_value=CAPACITY_MAX,
        help_text=_("Leave empty for no limit. When it is full, members join a waiting list."),
    )
    speakers = forms.ModelMultipleChoiceField(
        label=_("Speakers"),
        queryset=Speaker.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_speaker_name = forms.CharField(
        label=_("New speaker's name"),
        required=False,
        max_length=300,
        help_text=_("To add a guest expert who is not in the list above."),
    )
    new_speaker_organisation = forms.CharField(
        label=_("New speaker's organisation"), required=False, max_length=300
    )

    # Where the services' error keys belong in this form.
    aliases: Mapping[str, str] = {
        "starts_local": "starts_at_time",
        "ends_local": "ends_at_time",
        "starts_at": "starts_at_time",
        "ends_at": "ends_at_time",
        "speaker_name": "new_speaker_name",
        "speaker_organisation": "new_speaker_organisation",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "language", content_language_choices())
        set_choices(self, "time_zone", zone_choices())
        set_queryset(self, "speakers", Speaker.objects.order_by("name", "pk"))

    @staticmethod
    def initial_for(dialogue: Dialogue, title: str) -> dict[str, Any]:
        return {
            "title": title,
            "kind": EventKind.WEBINAR,
            "language": (dialogue.languages or ["en"])[0],
            "time_zone": dialogue.time_zone,
            "speakers": [row.speaker for row in dialogue.dialogue_speakers.all()],
        }

    def event_fields(self) -> dict[str, Any]:
        """The keyword arguments of the events' create_event."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "language": data["language"],
            "time_zone": data["time_zone"],
            "starts_local": datetime.combine(data["day"], data["starts_at_time"]),
            "ends_local": datetime.combine(data["day"], data["ends_at_time"]),
            "description": data["description"],
            "join_url": data["join_url"].strip(),
            "capacity": data["capacity"],
            "speakers": list(data["speakers"]),
        }

    def new_speaker(self) -> NewSpeaker | None:
        data = self.cleaned_data
        if not (data.get("new_speaker_name") or "").strip():
            return None
        return NewSpeaker(
            name=data["new_speaker_name"], organisation=data["new_speaker_organisation"]
        )


class LinkEventForm(forms.Form):
    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=Event.objects.none(),
        help_text=_("An event that already exists, such as an interview of a series."),
    )

    def __init__(self, *args: Any, dialogue: Dialogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The latest events first; a list of every event ever would be too long to use.
        recent = Event.objects.exclude(dialogues=dialogue).order_by("-starts_at")[:200]
        set_queryset(
            self,
            "event",
            Event.objects.filter(pk__in=list(recent.values_list("pk", flat=True))).order_by(
                "-starts_at"
            ),
        )


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX * 2)
    url = forms.CharField(
        label=_("Link"),
        required=False,
        max_length=1_000,
        help_text=_("An address starting with https://, e.g. the recording on a video site."),
    )
    upload = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_("A PDF, Word, PowerPoint, Excel or OpenDocument file, or a picture."),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "language", [("", _("Several or none")), *content_language_choices()])


class SummaryForm(forms.Form):
    text = forms.CharField(
        label=_("Summary of the discussion"),
        required=False,
        strip=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=MARKDOWN_HELP,
    )
