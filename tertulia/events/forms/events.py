"""Create or edit one event (or one date of a series), cancel it, add its recording."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tertulia.core.timezones import utc_to_local
from tertulia.events.forms.common import EventFieldsMixin, LocalDateTimeField, zone_field
from tertulia.events.models import Event, Speaker

NOTE_MAX = 2_000


class EventForm(EventFieldsMixin, forms.Form):
    """Create or edit one event (also one occurrence of a series)."""

    time_zone = zone_field()
    starts_local = LocalDateTimeField(label=_("Starts (local time)"))
    ends_local = LocalDateTimeField(label=_("Ends (local time)"))
    speakers = forms.ModelMultipleChoiceField(
        label=_("Speakers"),
        queryset=Speaker.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    speakers_to_be_confirmed = forms.BooleanField(
        label=_("Speaker to be confirmed"), required=False
    )
    new_speaker_name = forms.CharField(
        label=_("New speaker's name"),
        required=False,
        max_length=150,
        help_text=_("To add a speaker who is not in the list above."),
    )
    new_speaker_organisation = forms.CharField(
        label=_("New speaker's organisation"), required=False, max_length=150
    )
    new_speaker_bio = forms.CharField(
        label=_("New speaker's short bio"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    new_speaker_photo = forms.ImageField(label=_("New speaker's photo"), required=False)

    field_order = (
        "title",
        "kind",
        "language",
        "time_zone",
        "starts_local",
        "ends_local",
        "description",
        "join_url",
        "place",
        "capacity",
    )
    # Keys a service may use for these fields.
    aliases: Mapping[str, str] = {
        "starts_at": "starts_local",
        "ends_at": "ends_local",
        "name": "new_speaker_name",
        "organisation": "new_speaker_organisation",
        "bio": "new_speaker_bio",
        "photo": "new_speaker_photo",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_language_choices()
        speakers = self.fields["speakers"]
        assert isinstance(speakers, forms.ModelMultipleChoiceField)  # noqa: S101  # declared above
        speakers.queryset = Speaker.objects.order_by("name", "id")

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        return {
            "title": event.title,
            "kind": event.kind,
            "language": event.language,
            "time_zone": event.time_zone,
            "starts_local": utc_to_local(event.starts_at, event.time_zone),
            "ends_local": utc_to_local(event.ends_at, event.time_zone),
            "description": event.description,
            "join_url": event.join_url,
            "place": event.place,
            "capacity": event.capacity,
            "speakers": [link.speaker for link in event.event_speakers.all()],
            "speakers_to_be_confirmed": event.speakers_to_be_confirmed,
        }

    def event_fields(self, speakers: Sequence[Speaker]) -> dict[str, Any]:
        """The keyword arguments of create_event / update_event."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "language": data.get("language") or "",
            "time_zone": data["time_zone"],
            "starts_local": data["starts_local"],
            "ends_local": data["ends_local"],
            "description": data["description"],
            "join_url": data["join_url"],
            "place": data["place"],
            "capacity": data["capacity"],
            "speakers": list(speakers),
            "speakers_to_be_confirmed": data["speakers_to_be_confirmed"],
        }

    def chosen_speakers(self) -> list[Speaker]:
        return list(self.cleaned_data.get("speakers") or [])

    def new_speaker(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("new_speaker_name"):
            return None
        return {
            "name": data["new_speaker_name"],
            "organisation": data["new_speaker_organisation"],
            "bio": data["new_speaker_bio"],
            "photo": data.get("new_speaker_photo") or None,
        }


class CancelEventForm(forms.Form):
    note = forms.CharField(
        label=_("A note for registrants (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RecordingForm(forms.Form):
    recording_url = forms.URLField(label=_("Recording link"), max_length=500, assume_scheme="https")
    slides_url = forms.URLField(
        label=_("Slides link"), required=False, max_length=500, assume_scheme="https"
    )
