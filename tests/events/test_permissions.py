"""Who may manage, register, see the join link and ask questions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from tertulia.accounts.models import Member
from tertulia.events.models import RegistrationStatus
from tertulia.events.permissions import (
    can_ask_question,
    can_manage_event,
    can_register,
    can_see_join_link,
)
from tertulia.events.services.events import cancel_event
from tests.events.factories import make_event, make_registration
from tests.factories import make_member

pytestmark = pytest.mark.django_db
START = datetime(2026, 5, 21, 13, 0, tzinfo=UTC)
JOIN = "https://meet.example.org/room"


def test_facilitators_and_the_organiser_manage_an_event(
    member: Member, facilitator: Member
) -> None:
    organiser = make_member()
    event = make_event(organiser=organiser)
    assert can_manage_event(facilitator, event)
    assert can_manage_event(organiser, event)
    assert not can_manage_event(member, event)
    assert not can_manage_event(AnonymousUser(), event)


def test_members_register_until_the_end(member: Member) -> None:
    event = make_event(starts_at=START)
    assert can_register(member, event, now=START - timedelta(days=1))
    assert can_register(member, event, now=START + timedelta(minutes=30))
    assert not can_register(member, event, now=START + timedelta(hours=1))
    assert not can_register(AnonymousUser(), event, now=START - timedelta(days=1))


def test_no_registration_for_a_cancelled_event(member: Member, facilitator: Member) -> None:
    event = make_event(starts_at=START, organiser=facilitator)
    cancel_event(facilitator, event)
    assert not can_register(member, event, now=START - timedelta(days=1))


@pytest.mark.parametrize(
    ("minutes_from_start", "visible"),
    [(-31, False), (-30, True), (0, True), (59, True), (60, False)],
)
def test_the_join_link_shows_from_30_minutes_before_until_the_end(
    member: Member, minutes_from_start: int, visible: bool
) -> None:
    event = make_event(starts_at=START, join_url=JOIN)
    registration = make_registration(event=event, member=member)
    now = START + timedelta(minutes=minutes_from_start)
    assert can_see_join_link(member, event, now=now, registration=registration) is visible
    assert can_see_join_link(member, event, now=now) is visible  # looked up when not given


def test_the_join_link_is_for_registered_members_only(member: Member) -> None:
    event = make_event(starts_at=START, join_url=JOIN)
    make_registration(event=event, member=member, status=RegistrationStatus.WAITLISTED)
    assert not can_see_join_link(member, event, now=START)
    assert not can_see_join_link(make_member(), event, now=START)
    assert not can_see_join_link(AnonymousUser(), event, now=START)


def test_no_join_link_for_a_cancelled_event(member: Member, facilitator: Member) -> None:
    event = make_event(starts_at=START, join_url=JOIN, organiser=facilitator)
    make_registration(event=event, member=member)
    cancel_event(facilitator, event)
    assert not can_see_join_link(member, event, now=START)


def test_registered_members_ask_questions_until_the_end(member: Member) -> None:
    event = make_event(starts_at=START)
    outsider = make_member()
    make_registration(event=event, member=member)
    assert can_ask_question(member, event, now=START - timedelta(days=2))
    assert can_ask_question(member, event, now=START + timedelta(minutes=59))
    assert not can_ask_question(member, event, now=START + timedelta(hours=1))
    assert not can_ask_question(outsider, event, now=START)
