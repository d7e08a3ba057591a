"""The demo community's virtual dialogues: a past one with its summary, recording and
statistics, an open one with a discussion in three languages, and an announced one.

Everything goes through the services, as a facilitator's and members' clicks would:
the dialogues, their webinars, registrations, attendance, posts, materials and summary.
Only the clock cannot be clicked: the past dialogue is run today, then its days, posts
and webinar are moved back to when it happened, as the forums demo moves its threads.
So its statistics are counted from real posts and attendance. Loading twice changes
nothing: a dialogue whose number exists is kept as it is.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.dialogues import demo_content as content
from tertulia.dialogues.models import Dialogue, MaterialKind
from tertulia.dialogues.services.dialogues import create_dialogue, update_dialogue
from tertulia.dialogues.services.materials import add_material
from tertulia.dialogues.services.summaries import save_summary
from tertulia.dialogues.services.webinars import add_dialogue_event
from tertulia.dialogues.windows import start_of_day
from tertulia.events.models import Event, EventKind, Speaker
from tertulia.events.services.events import add_recording, create_speaker
from tertulia.events.services.registration import mark_attendance, register_for_event
from tertulia.forums.models import Post, Thread
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.threads import start_thread

ZONE = "America/Santo_Domingo"  # the demo facilitator's zone (no daylight saving time)
RECORDING_URL = "https://video.example.org/tertulia/virtual-dialogue-10"
SLIDES_URL = "https://files.example.org/tertulia/virtual-dialogue-10-slides.pdf"


def _today() -> date:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(ZONE)).date()


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at)


def _experts(facilitator: Member, experts: Sequence[content.DemoExpert]) -> list[Speaker]:
    found = []
    for expert in experts:
        speaker = Speaker.objects.filter(name=expert.name).first()
        if speaker is None:
            speaker = create_speaker(
                facilitator, name=expert.name, organisation=expert.organisation, bio=expert.bio
            )
        found.append(speaker)
    return found


def _discussion(
    forum_threads: Sequence[content.DemoThread], dialogue: Dialogue, people: dict[str, Member]
) -> list[Thread]:
    threads = []
    for spec in forum_threads:
        thread = start_thread(
            people[spec.author],
            dialogue.forum,
            title=spec.title,
            body=spec.body,
            language=spec.language,
        )
        for author, body in spec.replies:
            post_reply(people[author], thread, body=body)
        threads.append(thread)
    return threads


def _move_back(threads: Sequence[Thread], opens_at: datetime, *, every_days: int) -> None:
    """Spread the threads over the dialogue's first days, their replies hours apart."""
    for index, thread in enumerate(threads):
        start = opens_at + timedelta(days=1 + every_days * index, hours=13)
        last = start
        for post in Post.objects.filter(thread=thread).only("pk", "position"):
            last = start + timedelta(hours=5 * (post.position - 1))
            Post.objects.filter(pk=post.pk).update(created_at=last)
        Thread.objects.filter(pk=thread.pk).update(created_at=start, last_activity_at=last)


def _past_dialogue(facilitator: Member, people: dict[str, Member], members: list[Member]) -> None:
    """Run the 10th dialogue today, then move it back to five weeks ago."""
    today = _today()
    experts = _experts(facilitator, content.PAST_EXPERTS)
    dialogue = create_dialogue(
        facilitator,
        number=content.PAST_NUMBER,
        title=content.PAST_TITLE,
        summary=content.PAST_SUMMARY,
        time_zone=ZONE,
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=19),
        concept_note=content.PAST_CONCEPT_NOTE,
        key_questions=content.PAST_QUESTIONS,
        languages=["en", "es", "fr"],
        speakers=experts,
    )
    threads = _discussion(content.PAST_THREADS, dialogue, people)
    # The webinar is under way now: members can still register, and attendance be taken.
    now = timezone.now().astimezone(zoneinfo.ZoneInfo(ZONE)).replace(second=0, microsecond=0)
    webinar = add_dialogue_event(
        facilitator,
        dialogue,
        title="Webinar: understanding change through training",
        kind=EventKind.WEBINAR,
        language="en",
        time_zone=ZONE,
        starts_local=(now - timedelta(minutes=30)).replace(tzinfo=None),
        ends_local=(now + timedelta(minutes=30)).replace(tzinfo=None),
        description="One hour with three guest experts, and your questions.",
        join_url="https://meet.example.org/tertulia-dialogue-10",
        speakers=experts,
    )
    audience = members[:10]
    for member in audience:
        register_for_event(member, webinar, notify=False)
    mark_attendance(facilitator, webinar, {member.pk for member in audience[:7]})

    first_day = today - timedelta(days=41)
    dialogue = update_dialogue(
        facilitator, dialogue, opens_on=first_day, closes_on=first_day + timedelta(days=20)
    )
    _move_back(threads, dialogue.opens_at, every_days=3)
    held = start_of_day(first_day + timedelta(days=9), ZONE) + timedelta(hours=10)
    Event.objects.filter(pk=webinar.pk).update(starts_at=held, ends_at=held + timedelta(hours=1))
    add_recording(
        facilitator, webinar, recording_url=RECORDING_URL, slides_url=SLIDES_URL, notify=False
    )
    add_material(
        facilitator,
        dialogue,
        kind=MaterialKind.RECORDING,
        title="Recording of the webinar (English)",
        url=RECORDING_URL,
        language="en",
    )
    add_material(
        facilitator,
        dialogue,
        kind=MaterialKind.SLIDES,
        title="Slides of the three guest experts",
        url=SLIDES_URL,
    )
    save_summary(facilitator, dialogue, text=content.PAST_SUMMARY_TEXT, publish=True)


def _open_dialogue(facilitator: Member, people: dict[str, Member], members: list[Member]) -> None:
    """The 11th dialogue: open since last week, two webinars to come."""
    today = _today()
    experts = _experts(facilitator, content.OPEN_EXPERTS)
    dialogue = create_dialogue(
        facilitator,
        number=content.OPEN_NUMBER,
        title=content.OPEN_TITLE,
        summary=content.OPEN_SUMMARY,
        time_zone=ZONE,
        opens_on=today - timedelta(days=6),
        closes_on=today + timedelta(days=14),
        concept_note=content.OPEN_CONCEPT_NOTE,
        key_questions=content.OPEN_QUESTIONS,
        languages=["en", "es", "fr"],
        speakers=experts,
    )
    threads = _discussion(content.OPEN_THREADS, dialogue, people)
    _move_back(threads, dialogue.opens_at, every_days=1)  # all before today
    english = add_dialogue_event(
        facilitator,
        dialogue,
        title="Webinar: intersectionality in training",
        kind=EventKind.WEBINAR,
        language="en",
        time_zone=ZONE,
        starts_local=_local(today + timedelta(days=5), time(10, 0)),
        ends_local=_local(today + timedelta(days=5), time(11, 0)),
        join_url="https://meet.example.org/tertulia-dialogue-11",
        speakers=experts,
    )
    spanish = add_dialogue_event(
        facilitator,
        dialogue,
        title="Webinario: la interseccionalidad en la formación",
        kind=EventKind.WEBINAR,
        language="es",
        time_zone="America/Mexico_City",
        starts_local=_local(today + timedelta(days=9), time(11, 0)),
        ends_local=_local(today + timedelta(days=9), time(12, 0)),
        join_url="https://meet.example.org/tertulia-dialogo-11",
        speakers=experts[1:],
    )
    for member in members[:6]:
        register_for_event(member, english, notify=False)
    for member in members[6:10]:
        register_for_event(member, spanish, notify=False)


def _announced_dialogue(facilitator: Member) -> None:
    """The 12th dialogue: save the date."""
    today = _today()
    create_dialogue(
        facilitator,
        number=content.ANNOUNCED_NUMBER,
        title=content.ANNOUNCED_TITLE,
        summary=content.ANNOUNCED_SUMMARY,
        time_zone=ZONE,
        opens_on=today + timedelta(days=30),
        closes_on=today + timedelta(days=50),
        concept_note=content.ANNOUNCED_CONCEPT_NOTE,
        key_questions=content.ANNOUNCED_QUESTIONS,
        languages=["en", "es", "fr"],
    )


def load_demo_dialogues(stdout: OutputWrapper) -> None:
    """Create the three demo dialogues once; a second run adds nothing."""
    people = {m.email: m for m in Member.objects.filter(email__endswith="@demo.tertulia.example")}
    facilitator = people[content.FACILITATOR]
    members = sorted(
        (m for m in people.values() if not m.is_facilitator and m.is_active),
        key=lambda m: m.email,
    )
    existing = set(Dialogue.objects.values_list("number", flat=True))
    created = 0
    with transaction.atomic():
        if content.PAST_NUMBER not in existing:
            _past_dialogue(facilitator, people, members)
            created += 1
        if content.OPEN_NUMBER not in existing:
            _open_dialogue(facilitator, people, members[10:])
            created += 1
        if content.ANNOUNCED_NUMBER not in existing:
            _announced_dialogue(facilitator)
            created += 1
    stdout.write(f"3 demo dialogues, {created} new.")
