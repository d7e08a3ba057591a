"""A place from the waiting list is told once, through `notify()`: one notification and
one mail (the notifications app's), in the member's language and zone, linking to the
event page; nothing when the member turned these off."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
import time_machine
from django.conf import settings

from tertulia.accounts.models import Member
from tertulia.events.models import Registration, RegistrationStatus
from tertulia.events.services.notices import tell_promoted
from tertulia.events.services.registration import cancel_registration, register_for_event
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


START = datetime(2026, 5, 21, 13, 0, tzinfo=UTC)  # 15:00 in Paris, 08:00 in Bogotá
TITLE = "Gender-responsive budgeting in practice"


@pytest.fixture(autouse=True)
def _a_week_before() -> Any:
    with time_machine.travel(START - timedelta(days=7), tick=False):
        yield


def full_event_with_waiting(waiting: Member) -> tuple[Any, Member]:
    event = make_event(starts_at=START, capacity=1)
    holder = make_member(email="holder@example.org")
    register_for_event(holder, event, notify=False)
    register_for_event(waiting, event, notify=False)
    return event, holder


def test_the_promoted_member_gets_one_notification_and_one_mail(
    smtp_server: SMTPServer, django_capture_on_commit_callbacks: Capture
) -> None:
    waiting = make_member(
        display_name="Camila Ríos",
        email="camila@example.org",
        time_zone="America/Bogota",
        interface_language="en",
    )
    event, holder = full_event_with_waiting(waiting)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(holder, event, notify=False)

    registration = Registration.objects.get(event=event, member=waiting)
    assert registration.status == RegistrationStatus.REGISTERED
    (notification,) = Notification.objects.all()
    assert notification.recipient == waiting
    assert notification.kind == Kind.WAITLIST_PROMOTION
    assert notification.url == event_page_url(event)
    assert notification.params == {"subject": TITLE}
    assert str(notification.dedupe_key).startswith(f"promoted:{registration.pk}:")
    assert notification.emailed_at is not None

    (received,) = smtp_server.received  # no second mail from the events app
    assert received.recipients == ["camila@example.org"]
    message = received.message
    assert str(message["Subject"]) == f"[Tertulia] You have a place at “{TITLE}”"
    assert str(message["To"]) == "Camila Ríos <camila@example.org>"
    assert message["List-Unsubscribe"]
    text = body(message, "plain")
    html = body(message, "html")
    assert "A place opened up and it is yours" in text
    assert "08:00" in text  # the start in the member's own zone
    assert f"{settings.SITE_URL}{event_page_url(event)}" in text
    assert f'href="{settings.SITE_URL}{event_page_url(event)}"' in html


def test_a_member_who_turned_promotions_off_is_promoted_silently(
    smtp_server: SMTPServer, django_capture_on_commit_callbacks: Capture
) -> None:
    waiting = make_member()
    set_preference(waiting, Kind.WAITLIST_PROMOTION, Delivery.OFF)
    event, holder = full_event_with_waiting(waiting)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(holder, event, notify=False)

    assert Registration.objects.get(event=event, member=waiting).status == "registered"
    assert not Notification.objects.exists()
    assert smtp_server.received == []


def test_telling_the_same_promotion_again_writes_nothing_new(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    waiting = make_member()
    event, holder = full_event_with_waiting(waiting)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(holder, event, notify=False)
    registration = Registration.objects.select_related("event", "member").get(member=waiting)

    # A retry of the same promotion (same registration, same moment) finds its row.
    again = tell_promoted(registration)

    assert again == Notification.objects.get()


def test_a_second_promotion_after_waiting_again_is_news(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    waiting = make_member()
    event, holder = full_event_with_waiting(waiting)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(holder, event, notify=False)
    # The promoted member leaves; the holder takes the place back; the member waits again.
    with time_machine.travel(START - timedelta(days=6), tick=False):
        cancel_registration(waiting, event, notify=False)
        register_for_event(holder, event, notify=False)
        register_for_event(waiting, event, notify=False)
    with (
        time_machine.travel(START - timedelta(days=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        cancel_registration(holder, event, notify=False)

    assert Notification.objects.filter(recipient=waiting).count() == 2
