"""The event page's "time for registered members" table: the start in each zone the
registered members live in, with how many live there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import translation

from tertulia.events.models import RegistrationStatus
from tertulia.events.services.registration import ZoneRow, registrant_zone_table
from tests.events.factories import make_event, make_registration
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def test_one_row_per_zone_sorted_west_to_east() -> None:
    event = make_event(starts_at=datetime(2026, 3, 19, 14, 0, tzinfo=UTC))  # 15:00 CET
    for zone in ["Europe/Paris", "America/New_York", "Europe/Paris", "Asia/Kolkata"]:
        make_registration(event=event, member=make_member(time_zone=zone))
    make_registration(
        event=event,
        member=make_member(time_zone="Africa/Nairobi"),
        status=RegistrationStatus.WAITLISTED,
    )

    rows = registrant_zone_table(event)

    assert rows == [
        # New York already moved to summer time; Paris has not yet.
        ZoneRow("America/New_York", "New York", "March 19, 2026, 10:00 EDT", 1),
        ZoneRow("Europe/Paris", "Paris", "March 19, 2026, 15:00 CET", 2),
        ZoneRow("Asia/Kolkata", "Kolkata", "March 19, 2026, 19:30 IST", 1),
    ]


def test_the_table_is_in_the_viewers_language() -> None:
    event = make_event(starts_at=datetime(2026, 3, 19, 14, 0, tzinfo=UTC))
    make_registration(event=event, member=make_member(time_zone="America/New_York"))
    with translation.override("es"):
        (row,) = registrant_zone_table(event)
    assert row.city == "Nueva York"
    assert row.local_start == "19 de marzo de 2026, 10:00 EDT"
