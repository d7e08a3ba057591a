"""The registrants page: who is registered and who waits (in order), attendance, the
CSV export and a message to everyone registered."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.events.models import Event, Registration, RegistrationStatus
from tertulia.events.services.registrants import email_registrants
from tests.events.factories import make_event, make_registration
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return str(response.content.decode())


@pytest.fixture
def event() -> Event:
    return make_event(title="Budgets", capacity=2, starts_at=timezone.now() - timedelta(hours=2))


def test_registrants_are_listed_with_the_waiting_list_in_order(
    facilitator_client: Client, event: Event
) -> None:
    make_registration(event=event, member=make_member(display_name="Ana Registered"))
    make_registration(
        event=event,
        member=make_member(display_name="Zoe Waiting First"),
        status=RegistrationStatus.WAITLISTED,
    )
    make_registration(
        event=event,
        member=make_member(display_name="Bea Waiting Second"),
        status=RegistrationStatus.WAITLISTED,
    )
    make_registration(
        event=event,
        member=make_member(display_name="Carl Cancelled"),
        status=RegistrationStatus.CANCELLED,
    )

    page = text(facilitator_client.get(f"/events/{event.pk}/registrants/"))

    assert "Ana Registered" in page
    assert page.index("Zoe Waiting First") < page.index("Bea Waiting Second")
    assert "Cancelled their registration" in page
    assert "Carl Cancelled" in page


def test_members_cannot_see_registrants(member_client: Client, event: Event) -> None:
    assert member_client.get(f"/events/{event.pk}/registrants/").status_code == 403
    assert member_client.get(f"/events/{event.pk}/registrants.csv").status_code == 403


def test_marking_attendance(facilitator_client: Client, event: Event) -> None:
    came, absent = make_member(), make_member()
    make_registration(event=event, member=came)
    make_registration(event=event, member=absent)

    response = facilitator_client.post(
        f"/events/{event.pk}/registrants/attendance/",
        {"attended": [str(came.pk), "not-a-number"]},
        follow=True,
    )

    assert "Attendance is saved: 1 person attended." in text(response)
    assert Registration.objects.get(member=came).attended is True
    assert Registration.objects.get(member=absent).attended is False


def test_attendance_before_the_start_is_refused_with_a_message(
    facilitator_client: Client,
) -> None:
    event = make_event()
    member = make_member()
    make_registration(event=event, member=member)

    response = facilitator_client.post(
        f"/events/{event.pk}/registrants/attendance/", {"attended": [str(member.pk)]}, follow=True
    )

    assert "Attendance can be marked once the event has started." in text(response)
    assert Registration.objects.get(member=member).attended is None


def test_the_csv_export(facilitator_client: Client, event: Event) -> None:
    make_registration(
        event=event, member=make_member(display_name="Nadège Mamas", email="nadege@example.org")
    )
    make_registration(
        event=event,
        member=make_member(display_name="=HYPERLINK(1)"),
        status=RegistrationStatus.WAITLISTED,
    )

    response = facilitator_client.get(f"/events/{event.pk}/registrants.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Name", "Email", "Country", "Time zone", "Status"]
    assert rows[1][:2] == ["Nadège Mamas", "nadege@example.org"]
    assert rows[1][4] == "Registered"
    # A name that a spreadsheet would run as a formula is written as text.
    assert rows[2][0] == "'=HYPERLINK(1)"
    assert rows[2][4] == "On the waiting list"


def test_emailing_everyone_registered(
    facilitator: Member,
    facilitator_client: Client,
    event: Event,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    first = make_member(email="first@example.org")
    second = make_member(email="second@example.org")
    make_registration(event=event, member=first)
    make_registration(event=event, member=second)
    make_registration(event=event, member=make_member(), status=RegistrationStatus.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(
            f"/events/{event.pk}/registrants/email/",
            {"subject": "The slides", "message": "They are **here**."},
            follow=True,
        )

    assert "Your message is on its way to 2 registered members." in text(response)
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.org", "second@example.org"]
    message = mail.outbox[0]
    assert message.subject == "The slides"
    assert "They are **here**." in str(message.body)
    html = message.alternatives[0][0]  # type: ignore[attr-defined]
    assert "<strong>here</strong>" in str(html)
    assert facilitator.display_name in str(message.body)


def test_the_message_goes_through_a_task(
    settings: Any,
    facilitator: Member,
    event: Event,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    make_registration(event=event, member=make_member())

    with django_capture_on_commit_callbacks(execute=True):
        email_registrants(facilitator, event, subject="Hello", message="See you.")

    assert not mail.outbox
    results = default_task_backend.results  # type: ignore[attr-defined]
    assert [r.task.name for r in results] == ["send_registrants_message"]


def test_an_empty_message_is_a_field_error(facilitator_client: Client, event: Event) -> None:
    make_registration(event=event, member=make_member())

    response = facilitator_client.post(
        f"/events/{event.pk}/registrants/email/", {"subject": "Hi", "message": "  "}
    )

    page = text(response)
    assert response.status_code == 200
    assert "Write the message before sending it." in page or "This field is required." in page
    assert 'id="id_message_error"' in page
    assert not mail.outbox


@pytest.mark.parametrize("count", [2, 10])
def test_query_count_does_not_grow(
    facilitator_client: Client, event: Event, django_assert_num_queries: Any, count: int
) -> None:
    for _number in range(count):
        make_registration(event=event, member=make_member())
        make_registration(event=event, member=make_member(), status=RegistrationStatus.WAITLISTED)
    url = f"/events/{event.pk}/registrants/"
    facilitator_client.get(url)  # site settings are read once, then cached

    # session, member, event, registrations
    with django_assert_num_queries(4):
        facilitator_client.get(url)
