"""The demo community's events: an interview series every other Thursday at 15:00 in
Paris (shown beside New York's time), a lecture series in English and Spanish on
irregular dates, registrations (one occurrence full, with a waiting list), one past
interview with its recording and one cancelled date.

Everything goes through the event services, as a facilitator's clicks would, with mail
turned off (`notify=False`). Dates are relative to today so the demo always has past
and upcoming events. Loading twice changes nothing: a series already there is kept.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.core.timezones import utc_to_local
from tertulia.events.models import Event, EventKind, EventSeries, Speaker
from tertulia.events.services.events import add_recording
from tertulia.events.services.registration import register_for_event
from tertulia.events.services.series import (
    cancel_occurrence,
    create_series,
    set_occurrence_speakers,
    update_occurrence,
)
from tertulia.events.services.speakers import create_speaker

INTERVIEWS = "Conversations with gender trainers"
LECTURES = "Care work and the economy"

INTERVIEW_GUESTS = [
    ("Clemencia Muñoz Tamayo", "Red de Educación Popular Entre Mujeres", "Educator in Bogotá."),
    ("Nadia Ait-Zai", "CIDDEF", "Lawyer and trainer on family law in Algiers."),
    ("Priya Raman", "Feminist Budget Collective", "Trainer on gender budgeting in Chennai."),
    ("Grace Akello", "Women's Land Network", "Trains community paralegals in northern Uganda."),
]  # fmt: skip
LECTURERS = [
    ("Valeria Esquivel", "Universidad de Buenos Aires", "Economist; time-use surveys."),
    ("Corina Rodríguez Enríquez", "CIEPP", "Economista feminista; sistemas de cuidado."),
]  # fmt: skip

INTERVIEW_DESCRIPTION = """\
Every other Thursday, a trainer tells how they work: what they teach, to whom, what
changed their practice. 45 minutes of conversation, 15 of your questions.

The time is shown in Paris and New York: when Europe and America change their clocks on
different Sundays, the New York time moves for a week or two.
"""
LECTURE_DESCRIPTION = """\
Lectures on unpaid care work, in English and in Spanish (*clases en inglés y en
español*): measuring it, paying for it, sharing it.
"""


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _speakers(facilitator: Member, people: list[tuple[str, str, str]]) -> list[Speaker]:
    found: list[Speaker] = []
    for name, organisation, bio in people:
        speaker = Speaker.objects.filter(name=name).first()
        if speaker is None:
            speaker = create_speaker(facilitator, name=name, organisation=organisation, bio=bio)
        found.append(speaker)
    return found


def _register(members: list[Member], events: list[Event]) -> None:
    now = timezone.now()
    for event in events:
        if event.ends_at <= now or event.is_cancelled:
            continue
        for member in members:
            if not event.registrations.filter(member=member).exists():
                register_for_event(member, event, notify=False)


def _interviews(facilitator: Member, members: list[Member], today: date) -> None:
    first_day = _next_weekday(today - timedelta(days=35), 3)  # a Thursday five weeks ago
    _series, events = create_series(
        facilitator,
        title=INTERVIEWS,
        kind=EventKind.INTERVIEW,
        language="en",
        languages=["en"],
        time_zone="Europe/Paris",
        first_start_local=datetime.combine(first_day, time(15, 0)),
        duration_minutes=60,
        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=10",
        description=INTERVIEW_DESCRIPTION,
        join_url="https://meet.example.org/tertulia-interviews",
    )
    guests = _speakers(facilitator, INTERVIEW_GUESTS)
    for event, guest in zip(events, guests + guests, strict=False):
        set_occurrence_speakers(facilitator, event, speakers=[guest])
    set_occurrence_speakers(facilitator, events[-1], speakers=[], speakers_to_be_confirmed=True)
    now = timezone.now()
    past = [event for event in events if event.ends_at <= now]
    if past:
        add_recording(
            facilitator,
            past[-1],
            recording_url="https://video.example.org/tertulia/interview-recording",
            slides_url="https://files.example.org/tertulia/interview-slides.pdf",
            notify=False,
        )
    upcoming = [event for event in events if event.starts_at > now]
    _register(members[:6], upcoming[:2])
    if len(upcoming) > 4:
        cancel_occurrence(
            facilitator, upcoming[4], note="The guest cannot join that day; see you next time."
        )


def _lectures(facilitator: Member, members: list[Member], today: date) -> None:
    first_day = _next_weekday(today + timedelta(days=5), 1)  # a Tuesday next week
    extra_days = [first_day + timedelta(days=days) for days in (9, 23, 44)]
    _series, events = create_series(
        facilitator,
        title=LECTURES,
        kind=EventKind.LECTURE,
        language="en",
        languages=["en", "es"],
        time_zone="America/Mexico_City",
        first_start_local=datetime.combine(first_day, time(10, 0)),
        duration_minutes=90,
        extra_dates_local=[datetime.combine(day, time(17, 30)) for day in extra_days],
        description=LECTURE_DESCRIPTION,
        join_url="https://meet.example.org/tertulia-lectures",
    )
    english, spanish = _speakers(facilitator, LECTURERS)
    for number, event in enumerate(events):
        if number % 2:
            update_occurrence(
                facilitator,
                event,
                title="El trabajo de cuidados y la economía",
                language="es",
                speakers=[spanish],
            )
        else:
            set_occurrence_speakers(facilitator, event, speakers=[english])
    # The second lecture is small: a few places and a waiting list.
    update_occurrence(facilitator, events[1], capacity=3)
    _register(members[:5], events[1:2])
    _register(members[2:8], events[:1])


def create_demo_events(facilitators: list[Member], members: list[Member]) -> None:
    """Make the demo series (once) with registrations from `members`."""
    if not facilitators:
        return
    facilitator = facilitators[0]
    lecturer = facilitators[1] if len(facilitators) > 1 else facilitator
    today = utc_to_local(timezone.now(), "Europe/Paris").date()
    if not EventSeries.objects.filter(title=INTERVIEWS).exists():
        _interviews(facilitator, members, today)
    if not EventSeries.objects.filter(title=LECTURES).exists():
        _lectures(lecturer, members, today)
