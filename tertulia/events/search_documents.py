"""Events in the search index (found by tertulia.search at start-up).

An event is found by its title, description, place and speakers; everyone may find
it (cancelled events too: their page says so). It is dated by its start.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from tertulia.events.models import Event, EventSpeaker, Speaker
from tertulia.search.registry import (
    EVERYONE,
    Document,
    follow_model,
    html_to_text,
    in_batches,
    register,
)

EVENT = "event"
# Saves that change nothing the index holds (registration counters, calendar sequence).
_QUIET_FIELDS = ("registered_count", "waitlist_count", "sequence", "updated_at")


def event_url(event: Event) -> str:
    try:
        return reverse("event-detail", kwargs={"event_id": event.pk, "slug": event.slug})
    except NoReverseMatch:  # a slug the URL pattern refuses: the permalink redirects
        return reverse("event-permalink", kwargs={"event_id": event.pk})


def _events() -> Any:
    speakers = EventSpeaker.objects.select_related("speaker").only(
        "event_id", "position", "speaker__name", "speaker__organisation"
    )
    return Event.objects.prefetch_related(Prefetch("event_speakers", queryset=speakers))


class EventSource:
    kind = EVENT
    label = _("Events")

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        event: Event
        for event in in_batches(_events(), ids):
            people = [
                ", ".join(part for part in (link.speaker.name, link.speaker.organisation) if part)
                for link in event.event_speakers.all()
            ]
            body = "\n".join(
                part
                for part in (html_to_text(event.description_html), event.place, *people)
                if part
            )
            yield Document(
                kind=EVENT,
                object_id=event.pk,
                title=event.title,
                body=body,
                language=event.language,
                url=event_url(event),
                date=event.starts_at,
                access=EVERYONE,
            )

    def count(self) -> int:
        return Event.objects.count()


def _speaker_events(speaker: Speaker) -> list[int]:
    return list(EventSpeaker.objects.filter(speaker=speaker).values_list("event_id", flat=True))


register(EventSource())
follow_model(Event, EVENT, skip_fields=_QUIET_FIELDS)
follow_model(EventSpeaker, EVENT, object_ids=lambda link: [link.event_id])
follow_model(Speaker, EVENT, object_ids=_speaker_events)
