"""One dialogue's page: concept note, discussion, events, speakers, materials, summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.core.models import Theme
from tertulia.dialogues.models import Dialogue, DialogueMaterial, DialogueSpeaker, DialogueStatus
from tertulia.dialogues.permissions import (
    can_export_proceedings,
    can_manage_dialogues,
    can_read_summary,
)
from tertulia.dialogues.stats import DialogueStatistics, dialogue_statistics
from tertulia.dialogues.windows import LocalDates, dates_in_zone
from tertulia.events.models import Event, EventSpeaker
from tertulia.forums.models import Thread
from tertulia.forums.permissions import can_read_forum, can_start_thread, window_notice
from tertulia.forums.queries.visibility import thread_list, visible_threads_filter

LATEST_THREADS = 5


def dialogue_with_everything() -> QuerySet[Dialogue]:
    """A dialogue with all its page shows, in a fixed number of queries."""
    return Dialogue.objects.select_related("forum").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name_en")),
        Prefetch("facilitators", queryset=Member.objects.order_by("display_name")),
        Prefetch(
            "dialogue_speakers",
            queryset=DialogueSpeaker.objects.select_related("speaker__member").order_by(
                "position", "pk"
            ),
        ),
        Prefetch(
            "events",
            queryset=Event.objects.order_by("starts_at", "pk").prefetch_related(
                Prefetch(
                    "event_speakers",
                    queryset=EventSpeaker.objects.select_related("speaker").order_by(
                        "position", "pk"
                    ),
                )
            ),
        ),
        Prefetch("materials", queryset=DialogueMaterial.objects.order_by("position", "pk")),
    )


@dataclass
class DialoguePage:
    dialogue: Dialogue
    status: str
    dates: LocalDates
    events: list[Event]
    speakers: list[DialogueSpeaker]
    materials: list[DialogueMaterial]
    latest_threads: list[Thread]
    can_read_discussion: bool
    can_start_thread: bool
    window_notice: str
    can_manage: bool
    can_export: bool
    can_read_summary: bool
    statistics: DialogueStatistics | None

    @property
    def is_closed(self) -> bool:
        return self.status == DialogueStatus.CLOSED

    @property
    def is_announced(self) -> bool:
        return self.status == DialogueStatus.ANNOUNCED


def next_dialogue_number() -> int:
    """The number the next dialogue will most likely take (the form suggests it)."""
    last = Dialogue.objects.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def dialogue_by_number(number: int) -> Dialogue:
    return get_object_or_404(Dialogue.objects.select_related("forum"), number=number)


def dialogue_page(
    viewer: Viewer, number: int, zone: str, now: datetime | None = None
) -> DialoguePage:
    now = now or timezone.now()
    dialogue = get_object_or_404(dialogue_with_everything(), number=number)
    forum = dialogue.forum
    status = dialogue.status(now)
    readable = can_read_forum(viewer, forum)
    threads: list[Thread] = []
    if readable:
        threads = list(
            thread_list(
                Thread.objects.filter(visible_threads_filter(viewer), forum=forum), viewer
            ).order_by("-last_activity_at", "-pk")[:LATEST_THREADS]
        )
    events = list(dialogue.events.all())
    statistics = dialogue_statistics(dialogue, events) if status == DialogueStatus.CLOSED else None
    return DialoguePage(
        dialogue=dialogue,
        status=status,
        dates=dates_in_zone(dialogue.opens_at, dialogue.closes_at, zone),
        events=events,
        speakers=list(dialogue.dialogue_speakers.all()),
        materials=list(dialogue.materials.all()),
        latest_threads=threads,
        can_read_discussion=readable,
        can_start_thread=readable and can_start_thread(viewer, forum),
        window_notice=window_notice(forum),
        can_manage=can_manage_dialogues(viewer),
        can_export=can_export_proceedings(viewer, dialogue),
        can_read_summary=can_read_summary(viewer, dialogue),
        statistics=statistics,
    )
