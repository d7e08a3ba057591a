"""Registering and cancelling from the event page: every outcome gets a clear message,
never an error page, and nothing is counted twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.events.models import Event, EventStatus, Registration, RegistrationStatus
from tests.events.factories import event_page_url, make_event, make_registration
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def register(client: Client, event: Event) -> Any:
    return client.post(f"/events/{event.pk}/register/", follow=True)


def unregister(client: Client, event: Event) -> Any:
    return client.post(f"/events/{event.pk}/unregister/", follow=True)


def text(response: Any) -> str:
    return str(response.content.decode())


def test_registering_says_so_and_counts_once(member: Member, member_client: Client) -> None:
    event = make_event(capacity=10)

    response = register(member_client, event)

    assert response.redirect_chain[-1][0] == event_page_url(event) + "#registration"
    assert "You are registered." in text(response)
    assert Registration.objects.get(event=event, member=member).status == "registered"
    event.refresh_from_db()
    assert event.registered_count == 1


def test_a_full_event_puts_the_member_on_the_waiting_list_with_their_position(
    member: Member, member_client: Client
) -> None:
    event = make_event(capacity=1)
    make_registration(event=event, member=make_member())
    make_registration(event=event, member=make_member(), status=RegistrationStatus.WAITLISTED)

    page = text(register(member_client, event))

    assert "The event is full: you are number 2 on the waiting list." in page
    assert "You are number 2 on the waiting list." in page
    assert Registration.objects.get(event=event, member=member).status == "waitlisted"


def test_registering_twice_is_one_registration(member: Member, member_client: Client) -> None:
    event = make_event()
    register(member_client, event)

    page = text(register(member_client, event))

    assert "You are already registered for this event." in page
    assert Registration.objects.filter(event=event, member=member).count() == 1
    event.refresh_from_db()
    assert event.registered_count == 1


def test_registering_for_a_past_event_is_refused(member: Member, member_client: Client) -> None:
    event = make_event(starts_at=timezone.now() - timedelta(days=2))

    response = register(member_client, event)

    assert response.status_code == 200
    assert "This event is over: registration is closed." in text(response)
    assert not Registration.objects.filter(event=event).exists()


def test_registering_for_a_cancelled_event_is_refused(
    member: Member, member_client: Client
) -> None:
    event = make_event(status=EventStatus.CANCELLED)

    response = register(member_client, event)

    assert response.status_code == 200
    assert "This event was cancelled: registration is closed." in text(response)
    assert not Registration.objects.filter(event=event).exists()


def test_cancelling_frees_the_place_for_the_first_on_the_waiting_list(
    member: Member, member_client: Client
) -> None:
    event = make_event(capacity=1)
    make_registration(event=event, member=member)
    waiting = make_member()
    make_registration(event=event, member=waiting, status=RegistrationStatus.WAITLISTED)

    page = text(unregister(member_client, event))

    assert "Your registration is cancelled." in page
    assert Registration.objects.get(event=event, member=member).status == "cancelled"
    assert Registration.objects.get(event=event, member=waiting).status == "registered"


def test_cancelling_without_a_registration_says_so(member_client: Client) -> None:
    event = make_event()

    page = text(unregister(member_client, event))

    assert "You were not registered for this event." in page


def test_visitors_are_sent_to_sign_in(client: Client) -> None:
    event = make_event()

    response = client.post(f"/events/{event.pk}/register/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_registering_needs_a_post(member_client: Client) -> None:
    event = make_event()

    assert member_client.get(f"/events/{event.pk}/register/").status_code == 405
