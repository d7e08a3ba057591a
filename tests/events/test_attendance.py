"""Facilitators mark who attended, once the event has started."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.events.models import Registration, RegistrationStatus
from tertulia.events.services.registration import mark_attendance
from tests.events.factories import make_event, make_registration
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def test_marking_attendance_by_member(facilitator: Member) -> None:
    event = make_event(organiser=facilitator, starts_at=timezone.now() - timedelta(minutes=30))
    came, absent, waiting, gone = (make_member() for _ in range(4))
    for m in (came, absent):
        make_registration(event=event, member=m)
    make_registration(event=event, member=waiting, status=RegistrationStatus.WAITLISTED)
    make_registration(event=event, member=gone, status=RegistrationStatus.CANCELLED)

    marked = mark_attendance(facilitator, event, {came.pk, waiting.pk, gone.pk})

    assert marked == 2
    attended = dict(Registration.objects.filter(event=event).values_list("member_id", "attended"))
    assert attended == {came.pk: True, absent.pk: False, waiting.pk: True, gone.pk: None}


def test_attendance_waits_for_the_start(facilitator: Member) -> None:
    event = make_event(organiser=facilitator)
    with pytest.raises(ValidationError):
        mark_attendance(facilitator, event, set())


def test_members_cannot_mark_attendance(member: Member) -> None:
    event = make_event(starts_at=timezone.now() - timedelta(hours=2))
    with pytest.raises(PermissionDenied):
        mark_attendance(member, event, {member.pk})
