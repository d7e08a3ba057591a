"""When digests leave: at the member's hour on their own clock, across clock changes,
daily every day and weekly on Monday, caught up later the same local day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tertulia.accounts.models import Member
from tertulia.notifications.models import Delivery, Kind, OutgoingMail
from tertulia.notifications.services import set_preference
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.digest_setup import (
    make_reader,
    run_at,
    set_digest_settings,
    tell_reply,
    text_of,
)

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db

QUARTER = timedelta(minutes=15)


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _arrivals(
    smtp_server: SMTPServer, member: Member, start: datetime, days: int, step: timedelta
) -> list[str]:
    """Run every `step` for `days` days from `start`; when each mail arrived (UTC).
    Every UTC midnight someone replies, so each digest has something to tell."""
    arrived = []
    moment = start
    while moment < start + timedelta(days=days):
        if moment.hour == 0 and moment.minute == 0:
            tell_reply(member, at=moment)
        before = len(smtp_server.received)
        run_at(moment)
        if len(smtp_server.received) > before:
            arrived.append(moment.strftime("%Y-%m-%d %H:%M"))
        moment += step
    return arrived


@pytest.mark.parametrize(
    ("zone", "first_day", "expected"),
    [
        # Clocks go forward in Paris on 29 March 2026: 07:00 is 06:00 UTC, then 05:00.
        (
            "Europe/Paris",
            date(2026, 3, 28),
            ["2026-03-28 06:00", "2026-03-29 05:00", "2026-03-30 05:00"],
        ),
        # ...in New York on 8 March 2026: 12:00 UTC, then 11:00.
        (
            "America/New_York",
            date(2026, 3, 7),
            ["2026-03-07 12:00", "2026-03-08 11:00", "2026-03-09 11:00"],
        ),
        # ...and back on 1 November 2026: 11:00 UTC, then 12:00.
        (
            "America/New_York",
            date(2026, 10, 31),
            ["2026-10-31 11:00", "2026-11-01 12:00", "2026-11-02 12:00"],
        ),
        # Kathmandu is 5:45 ahead of UTC all year: 07:00 is 01:15 UTC.
        (
            "Asia/Kathmandu",
            date(2026, 3, 28),
            ["2026-03-28 01:15", "2026-03-29 01:15", "2026-03-30 01:15"],
        ),
    ],
)
def test_the_daily_digest_leaves_at_seven_on_the_members_clock(
    smtp_server: SMTPServer, zone: str, first_day: date, expected: list[str]
) -> None:
    member = make_reader(zone=zone)

    start = datetime.combine(first_day, datetime.min.time(), tzinfo=UTC)
    arrived = _arrivals(smtp_server, member, start, days=3, step=QUARTER)

    assert arrived == expected
    assert {mail.recipients[0] for mail in smtp_server.received} == {member.email}


def test_an_hourly_run_sends_kathmandu_at_the_first_run_after_its_hour(
    smtp_server: SMTPServer,
) -> None:
    member = make_reader(zone="Asia/Kathmandu")

    start = datetime(2026, 3, 28, tzinfo=UTC)
    arrived = _arrivals(smtp_server, member, start, days=2, step=timedelta(hours=1))

    # 02:00 UTC is 07:45 in Kathmandu; 01:00 UTC (06:45) is too early.
    assert arrived == ["2026-03-28 02:00", "2026-03-29 02:00"]


def test_the_subject_names_the_members_own_date(smtp_server: SMTPServer) -> None:
    member = make_reader(zone="Pacific/Auckland")
    tell_reply(member, at=_utc("2026-03-27T12:00"))

    run_at(_utc("2026-03-27T18:00"))  # 07:00 on Saturday 28 March in Auckland

    (mail,) = smtp_server.received
    assert mail.message["Subject"] == "[Tertulia] Daily digest · March 28, 2026"


def test_a_missed_run_is_caught_up_later_the_same_local_day(smtp_server: SMTPServer) -> None:
    member = make_reader(zone="Europe/Paris")
    tell_reply(member, subject="Budgets in Kinshasa", at=_utc("2026-03-27T20:00"))

    assert sum(run_at(_utc("2026-03-28T05:45")).values()) == 0  # 06:45 in Paris
    # The 06:00 UTC run never happened; the 09:00 one (10:00 in Paris) sends.
    assert run_at(_utc("2026-03-28T09:00"))["sent"] == 1
    assert run_at(_utc("2026-03-28T10:00"))["sent"] == 0

    assert len(smtp_server.received) == 1
    assert "Budgets in Kinshasa" in text_of(smtp_server.received[0].message)


def test_a_day_missed_entirely_is_not_sent_the_next_day(smtp_server: SMTPServer) -> None:
    member = make_reader(zone="Europe/Paris")
    tell_reply(member, subject="Saturday news", at=_utc("2026-03-27T20:00"))

    # No run at all on Saturday 28 March in Paris; the first is 00:30 on Sunday.
    run_at(_utc("2026-03-28T23:30"))
    assert smtp_server.received == []

    tell_reply(member, subject="Sunday news", at=_utc("2026-03-28T23:45"))
    run_at(_utc("2026-03-29T05:00"))  # 07:00 CEST on Sunday

    (mail,) = smtp_server.received
    text = text_of(mail.message)
    # Nothing is lost: Saturday's notification comes with Sunday's digest.
    assert "Saturday news" in text
    assert "Sunday news" in text
    assert mail.message["Subject"] == "[Tertulia] Daily digest · March 29, 2026"


def test_the_members_own_hour_is_followed(smtp_server: SMTPServer) -> None:
    member = make_reader(zone="America/Mexico_City")
    set_digest_settings(member, hour=18)
    tell_reply(member, at=_utc("2026-03-27T20:00"))

    run_at(_utc("2026-03-28T13:00"))  # 07:00 in Mexico City
    assert smtp_server.received == []
    run_at(_utc("2026-03-29T00:00"))  # 18:00 on 28 March there
    assert len(smtp_server.received) == 1


def test_the_weekly_digest_leaves_on_monday_only(smtp_server: SMTPServer) -> None:
    member = make_reader(zone="Europe/Madrid")
    set_preference(member, Kind.NEW_THREAD, Delivery.WEEKLY)
    # Tuesday 24 March to Tuesday 31 March 2026, at 07:00 in Madrid (CET, then CEST).
    for day in range(24, 32):
        moment = datetime(2026, 3, day, 12, tzinfo=UTC)
        tell_reply(member, subject=f"News of {day} March", delivery=Delivery.WEEKLY, at=moment)
    for day in range(24, 32):
        local_seven = datetime(2026, 3, day, 6 if day < 29 else 5, tzinfo=UTC)
        run_at(local_seven)
        run_at(local_seven + timedelta(hours=10))  # and a catch-up run later each day

    (mail,) = smtp_server.received
    assert mail.message["Subject"] == "[Tertulia] Weekly digest · March 30, 2026"
    text = text_of(mail.message)
    # The week before Monday 07:00: Tuesday to Sunday, not Monday's own noon reply.
    assert all(f"News of {day} March" in text for day in range(24, 30))
    assert "News of 30 March" not in text
    keys = list(OutgoingMail.objects.values_list("idempotency_key", flat=True))
    assert keys == [f"digest:weekly:{member.pk}:2026-03-30"]


def test_a_missed_monday_is_not_sent_on_tuesday(smtp_server: SMTPServer) -> None:
    member = make_reader(zone="Europe/Madrid")
    set_preference(member, Kind.NEW_THREAD, Delivery.WEEKLY)
    tell_reply(member, delivery=Delivery.WEEKLY, at=_utc("2026-03-27T12:00"))

    run_at(_utc("2026-03-31T05:00"))  # Tuesday 07:00 CEST

    assert smtp_server.received == []


def test_a_member_without_a_known_zone_is_sent_at_seven_utc(smtp_server: SMTPServer) -> None:
    member = make_reader(zone="Mars/Olympus_Mons")
    tell_reply(member, at=_utc("2026-03-27T20:00"))

    run_at(_utc("2026-03-28T06:45"))
    assert smtp_server.received == []
    run_at(_utc("2026-03-28T07:00"))
    assert len(smtp_server.received) == 1
