"""Event reminders are notifications: the cron command (or the queued task) writes one
`Kind.EVENT_REMINDER` per reminder and the notifications app mails it over SMTP, once;
a member who turned reminders off gets none."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from tertulia.accounts.models import Member
from tertulia.events.models import SentReminder
from tertulia.events.services.registration import register_for_event
from tertulia.events.services.reminders import send_reminder
from tertulia.events.tasks import send_event_reminder
from tertulia.notifications.models import Delivery, Kind, Notification
from tertulia.notifications.services import set_preference
from tests.events.factories import event_page_url, make_event
from tests.factories import make_member
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[Any]]


def body(message: EmailMessage, subtype: str) -> str:
    """The text/plain or text/html part of a received mail."""
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return str(part.get_content())


START = datetime(2026, 5, 21, 13, 0, tzinfo=UTC)  # 15:00 in Paris
TITLE = "Gender-responsive budgeting in practice"


@pytest.fixture(autouse=True)
def _a_week_before() -> Iterator[None]:
    with time_machine.travel(START - timedelta(days=7), tick=False):
        yield


def run_cron_at(moment: datetime, capture: Capture) -> None:
    with time_machine.travel(moment, tick=False), capture(execute=True):
        call_command("send_event_reminders", verbosity=0)


def test_the_day_before_reminder_arrives_by_smtp_once(
    smtp_server: SMTPServer, django_capture_on_commit_callbacks: Capture
) -> None:
    member = make_member(
        display_name="Lucía Fernández", email="lucia@example.org", time_zone="Europe/Madrid"
    )
    event = make_event(starts_at=START, join_url="https://meet.example.org/budget")
    registration = register_for_event(member, event, notify=False)

    run_cron_at(START - timedelta(hours=23), django_capture_on_commit_callbacks)
    run_cron_at(START - timedelta(hours=22), django_capture_on_commit_callbacks)

    (notification,) = Notification.objects.all()
    assert notification.kind == Kind.EVENT_REMINDER
    assert notification.dedupe_key == f"reminder:{registration.pk}:24h:{START.isoformat()}"
    assert notification.url == event_page_url(event)
    (received,) = smtp_server.received
    message = received.message
    assert received.recipients == ["lucia@example.org"]
    assert str(message["Subject"]) == f"[Tertulia] Reminder: “{TITLE}” starts soon"
    text = body(message, "plain")
    html = body(message, "html")
    assert "This event starts in about 24 hours." in text
    assert "15:00" in text  # Madrid, the member's zone
    assert "The link to join appears on the event page 30 minutes before the start." in text
    assert "meet.example.org" not in text  # the link itself stays on the page
    assert f'href="{settings.SITE_URL}{event_page_url(event)}"' in html


def test_both_reminders_arrive_and_the_task_after_the_cron_adds_nothing(
    smtp_server: SMTPServer, django_capture_on_commit_callbacks: Capture
) -> None:
    member = make_member(email="amina@example.org")
    event = make_event(starts_at=START)
    registration = register_for_event(member, event, notify=False)

    run_cron_at(START - timedelta(hours=23), django_capture_on_commit_callbacks)
    run_cron_at(START - timedelta(minutes=50), django_capture_on_commit_callbacks)
    with (
        time_machine.travel(START - timedelta(minutes=45), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert not send_event_reminder.call(registration.pk, "1h", START.isoformat())

    leads = [body(received.message, "plain") for received in smtp_server.received]
    assert len(leads) == 2
    assert "about 24 hours" in leads[0]
    assert "about one hour" in leads[1]
    assert Notification.objects.filter(kind=Kind.EVENT_REMINDER).count() == 2


def test_a_member_who_turned_reminders_off_gets_none(
    smtp_server: SMTPServer, member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    set_preference(member, Kind.EVENT_REMINDER, Delivery.OFF)
    event = make_event(starts_at=START)
    register_for_event(member, event, notify=False)

    run_cron_at(START - timedelta(hours=23), django_capture_on_commit_callbacks)
    run_cron_at(START - timedelta(minutes=50), django_capture_on_commit_callbacks)

    assert not Notification.objects.exists()
    assert smtp_server.received == []
    # Handled all the same: later runs do not keep trying.
    assert SentReminder.objects.count() == 2


def test_a_reminder_on_the_site_only_writes_the_notification_without_mail(
    smtp_server: SMTPServer, member: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    set_preference(member, Kind.EVENT_REMINDER, Delivery.IN_APP)
    event = make_event(starts_at=START)
    registration = register_for_event(member, event, notify=False)

    with (
        time_machine.travel(START - timedelta(minutes=50), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_reminder(registration.pk, "1h", START)

    assert Notification.objects.get().delivery == Delivery.IN_APP
    assert smtp_server.received == []
