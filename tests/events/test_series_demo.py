"""The demo events: an interview series in Paris time, a bilingual lecture series on
irregular dates, registrations with a waiting list, a past recording; loading twice
changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail

from tertulia.core.timezones import utc_to_local
from tertulia.events.demo import INTERVIEWS, LECTURES, create_demo_events
from tertulia.events.models import Event, EventSeries, Registration
from tests.factories import make_facilitator, make_member

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]


def test_the_demo_events(django_capture_on_commit_callbacks: Capture) -> None:
    facilitators = [make_facilitator(), make_facilitator()]
    members = [make_member() for _ in range(8)]

    with django_capture_on_commit_callbacks(execute=True):
        create_demo_events(facilitators, members)
        create_demo_events(facilitators, members)

    interviews = Event.objects.filter(series__title=INTERVIEWS)
    assert interviews.count() == 10
    assert {utc_to_local(e.starts_at, "Europe/Paris").strftime("%a %H:%M") for e in interviews} == {
        "Thu 15:00"
    }
    assert interviews.exclude(recording_url="").count() == 1
    lectures = Event.objects.filter(series__title=LECTURES)
    assert sorted(set(lectures.values_list("language", flat=True))) == ["en", "es"]
    assert lectures.filter(waitlist_count__gt=0).count() == 1
    assert EventSeries.objects.count() == 2
    assert Registration.objects.exists()
    assert mail.outbox == []
