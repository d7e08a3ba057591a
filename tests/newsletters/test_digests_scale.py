"""Many digests at once: reads are per batch of members, writes a few per digest.

DIGEST_SCALE_MEMBERS=1000 runs the same test with more members, to time a run
(`pytest -s` shows the time):
    DIGEST_SCALE_MEMBERS=1000 pytest -p no:xdist -s tests/newsletters/test_digests_scale.py
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tertulia.accounts.models import Member
from tertulia.events.models import Registration, RegistrationStatus
from tertulia.forums.models import Subscription
from tertulia.notifications.models import Delivery, Kind, Notification, OutgoingMail
from tests.events.factories import make_event
from tests.factories import make_forum, make_member, make_thread
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.digest_setup import run_at

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db

MEMBERS = int(os.environ.get("DIGEST_SCALE_MEMBERS", "100"))
SEVEN_IN_PARIS = datetime(2026, 3, 28, 6, tzinfo=UTC)
DURING = datetime(2026, 3, 27, 15, tzinfo=UTC)
# Claiming the mail row (savepoint, insert, release), marking the notifications (lock,
# update) and recording the mail as sent; and here the savepoint and release that the
# test's own transaction turns each digest's transaction into.
WRITES_PER_DIGEST = 8


def _community(size: int) -> list[Member]:
    zones = ["Europe/Paris", "Europe/Madrid", "Africa/Lagos"]  # all at 07:00 at 06:00 UTC
    members = Member.objects.bulk_create(
        Member(
            email=f"scale{n}@example.org",
            display_name=f"Scale member {n}",
            search_name=f"scale member {n}",
            time_zone=zones[n % len(zones)],
            interface_language=["en", "es", "fr"][n % 3],
        )
        for n in range(size)
    )
    forum = make_forum(title="General discussion")
    author = make_member(time_zone="Asia/Tokyo")  # not due at this hour
    for n in range(3):
        make_thread(forum=forum, author=author, title=f"New thread {n}", created_at=DURING)
    Subscription.objects.bulk_create(Subscription(member=m, forum=forum) for m in members)
    event = make_event(starts_at=datetime(2026, 3, 28, 17, tzinfo=UTC), organiser=author)
    Registration.objects.bulk_create(
        Registration(event=event, member=m, status=RegistrationStatus.REGISTERED) for m in members
    )
    Notification.objects.bulk_create(
        Notification(
            recipient=m,
            kind=Kind.REPLY,
            actor=author,
            params={"subject": "Care work"},
            url="/forums/p/1/",
            snippet="A reply.",
            group="thread:1",
            scope=f"forum:{forum.pk}",
            delivery=Delivery.DAILY,
            created_at=DURING,
        )
        for m in members
        for _twice in range(2)
    )
    return members


def test_a_run_for_many_members_reads_in_batches(smtp_server: SMTPServer) -> None:
    members = _community(MEMBERS)

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        outcomes = run_at(SEVEN_IN_PARIS)
    elapsed = time.perf_counter() - started

    assert outcomes["sent"] == len(members)
    assert len(smtp_server.received) == len(members)
    assert OutgoingMail.objects.filter(status="sent").count() == len(members)
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    batches = -(-len(members) // 250)
    assert len(queries) <= WRITES_PER_DIGEST * len(members) + 15 * batches + 10
    print(  # noqa: T201  # the timing asked for when DIGEST_SCALE_MEMBERS is set
        f"\n{len(members)} digests in {elapsed:.2f} s, {len(queries)} queries "
        f"({len(queries) / len(members):.1f} per digest) on {connection.vendor}"
    )
