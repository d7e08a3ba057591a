"""The questions facility on the event page: order by votes, the buttons, what members
and facilitators see, and bad input answered with a message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.events.models import Event, Question
from tests.events.factories import (
    event_page_url,
    make_event,
    make_question,
    make_registration,
)
from tests.factories import make_member

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 14, 13, 0, tzinfo=UTC)
BEFORE = START - timedelta(days=1)
AFTER = START + timedelta(days=1)


@pytest.fixture
def event(member: Member) -> Event:
    event = make_event(starts_at=START)
    make_registration(event=event, member=member)
    return event


def text(response: Any) -> str:
    return str(response.content.decode())


def registered(event: Event) -> Member:
    other = make_member()
    make_registration(event=event, member=other)
    return other


def positions(page: str, *bodies: str) -> list[int]:
    return [page.index(body) for body in bodies]


def test_a_member_sends_a_question_from_the_page(
    member: Member, member_client: Client, event: Event
) -> None:
    with time_machine.travel(BEFORE, tick=False):
        response = member_client.post(
            f"/events/{event.pk}/questions/", {"body": "How do we start?"}, follow=True
        )

    assert response.redirect_chain[-1][0] == event_page_url(event) + "#questions"
    assert "Your question is sent." in text(response)
    assert "How do we start?" in text(response)
    assert Question.objects.get().author == member


def test_a_50000_character_question_gets_a_field_error_and_is_not_saved(
    member_client: Client, event: Event
) -> None:
    with time_machine.travel(BEFORE, tick=False):
        response = member_client.post(f"/events/{event.pk}/questions/", {"body": "x" * 50_000})

    page = text(response)
    assert response.status_code == 200
    assert "A question can be at most 2,000 characters long; yours has 50,000." in page
    assert 'id="id_body_error"' in page
    assert 'aria-invalid="true"' in page
    assert not Question.objects.exists()


def test_an_empty_question_gets_a_field_error(member_client: Client, event: Event) -> None:
    with time_machine.travel(BEFORE, tick=False):
        response = member_client.post(f"/events/{event.pk}/questions/", {"body": ""})

    assert "Write your question before sending it." in text(response)


def test_members_who_are_not_registered_are_told_to_register(event: Event) -> None:
    client = Client()
    client.force_login(make_member())

    with time_machine.travel(BEFORE, tick=False):
        page = text(client.get(event_page_url(event)))
        response = client.post(f"/events/{event.pk}/questions/", {"body": "Me too?"})

    assert "Register for this event to send questions and vote on them." in page
    assert response.status_code == 403
    assert "Register for this event" in text(response)
    assert not Question.objects.exists()


def test_questions_are_listed_most_votes_first(member_client: Client, event: Event) -> None:
    make_question(event=event, author=registered(event), body="Few votes", vote_count=1)
    make_question(event=event, author=registered(event), body="Most votes", vote_count=7)
    make_question(event=event, author=registered(event), body="Some votes", vote_count=3)

    with time_machine.travel(BEFORE, tick=False):
        page = text(member_client.get(event_page_url(event)))

    first, second, third = positions(page, "Most votes", "Some votes", "Few votes")
    assert first < second < third


def test_equal_votes_keep_the_order_they_were_asked_in(member_client: Client, event: Event) -> None:
    make_question(event=event, author=registered(event), body="Asked first", created_at=BEFORE)
    make_question(
        event=event,
        author=registered(event),
        body="Asked second",
        created_at=BEFORE + timedelta(minutes=1),
    )

    with time_machine.travel(BEFORE + timedelta(hours=1), tick=False):
        page = text(member_client.get(event_page_url(event)))

    first, second = positions(page, "Asked first", "Asked second")
    assert first < second


def test_voting_from_the_page_moves_a_question_up(
    member: Member, member_client: Client, event: Event
) -> None:
    make_question(event=event, author=registered(event), body="Older", created_at=BEFORE)
    newer = make_question(event=event, author=registered(event), body="Newer", created_at=BEFORE)

    with time_machine.travel(BEFORE + timedelta(hours=1), tick=False):
        response = member_client.post(f"/events/questions/{newer.pk}/vote/", follow=True)

    page = text(response)
    assert "Your vote is counted." in page
    newer_at, older_at = positions(page, "Newer", "Older")
    assert newer_at < older_at


def test_voting_twice_is_one_vote_and_a_clear_message(member_client: Client, event: Event) -> None:
    question = make_question(event=event, author=registered(event))

    with time_machine.travel(BEFORE, tick=False):
        member_client.post(f"/events/questions/{question.pk}/vote/")
        response = member_client.post(f"/events/questions/{question.pk}/vote/", follow=True)

    assert response.status_code == 200
    assert "You have already voted for this question: one vote each." in text(response)
    question.refresh_from_db()
    assert question.vote_count == 1


def test_voting_for_ones_own_question_is_refused_with_a_message(
    member: Member, member_client: Client, event: Event
) -> None:
    question = make_question(event=event, author=member)

    with time_machine.travel(BEFORE, tick=False):
        page = text(member_client.get(event_page_url(event)))
        response = member_client.post(f"/events/questions/{question.pk}/vote/", follow=True)

    assert "Your question" in page
    assert f'action="/events/questions/{question.pk}/vote/"' not in page
    assert "You cannot vote for your own question." in text(response)
    question.refresh_from_db()
    assert question.vote_count == 0


def test_taking_a_vote_back_from_the_page(member_client: Client, event: Event) -> None:
    question = make_question(event=event, author=registered(event))

    with time_machine.travel(BEFORE, tick=False):
        member_client.post(f"/events/questions/{question.pk}/vote/")
        page = text(member_client.get(event_page_url(event)))
        response = member_client.post(f"/events/questions/{question.pk}/unvote/", follow=True)

    assert "Take back my vote" in page
    assert "Your vote is taken back." in text(response)
    question.refresh_from_db()
    assert question.vote_count == 0


def test_hidden_questions_are_not_shown_to_members(
    member_client: Client, facilitator: Member, event: Event
) -> None:
    make_question(event=event, author=registered(event), body="Off-topic", is_hidden=True)
    facilitator_client = Client()
    facilitator_client.force_login(facilitator)

    with time_machine.travel(BEFORE, tick=False):
        member_page = text(member_client.get(event_page_url(event)))
        facilitator_page = text(facilitator_client.get(event_page_url(event)))

    assert "Off-topic" not in member_page
    assert "Off-topic" in facilitator_page
    assert "Hidden from members" in facilitator_page


def test_facilitators_mark_answered_and_hide_from_the_page(
    facilitator: Member, event: Event
) -> None:
    question = make_question(event=event, author=registered(event), body="Pick me")
    client = Client()
    client.force_login(facilitator)

    with time_machine.travel(START + timedelta(minutes=20), tick=False):
        answered = client.post(f"/events/questions/{question.pk}/answered/", follow=True)
        hidden = client.post(f"/events/questions/{question.pk}/hide/", follow=True)

    assert "The question is marked answered." in text(answered)
    assert "The question is hidden from members." in text(hidden)
    question.refresh_from_db()
    assert question.is_answered
    assert question.is_hidden


def test_members_cannot_moderate_from_the_page(member_client: Client, event: Event) -> None:
    question = make_question(event=event, author=registered(event))

    with time_machine.travel(BEFORE, tick=False):
        response = member_client.post(f"/events/questions/{question.pk}/hide/", follow=True)

    assert "Only the event" in text(response)
    question.refresh_from_db()
    assert not question.is_hidden


def test_answered_questions_stay_on_the_page_after_the_event(
    member_client: Client, event: Event
) -> None:
    make_question(event=event, author=registered(event), body="Answered one", is_answered=True)
    make_question(event=event, author=registered(event), body="Not reached")

    with time_machine.travel(AFTER, tick=False):
        page = text(member_client.get(event_page_url(event)))

    assert "Questions answered during the event" in page
    assert "Answered one" in page
    assert "Not reached" not in page
    assert "Send my question" not in page


def test_voting_after_the_event_is_refused_with_a_message(
    member_client: Client, event: Event
) -> None:
    question = make_question(event=event, author=registered(event), is_answered=True)

    with time_machine.travel(AFTER, tick=False):
        response = member_client.post(f"/events/questions/{question.pk}/vote/", follow=True)

    assert "This event is over: questions are closed." in text(response)
    question.refresh_from_db()
    assert question.vote_count == 0
