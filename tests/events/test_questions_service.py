"""The questions service: who may ask and vote, one vote each, the count kept right,
and what facilitators may do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.events.models import QUESTION_MAX, Event, Question, QuestionVote
from tertulia.events.services.questions import (
    hide_question,
    mark_answered,
    submit_question,
    vote_for_question,
    withdraw_vote,
)
from tests.events.factories import make_event, make_question, make_registration
from tests.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(member: Member) -> Event:
    event = make_event()
    make_registration(event=event, member=member)
    return event


def registered(event: Event) -> Member:
    other = make_member()
    make_registration(event=event, member=other)
    return other


def votes(question: Question) -> int:
    return Question.objects.values_list("vote_count", flat=True).get(pk=question.pk)


def test_a_registered_member_sends_a_question(member: Member, event: Event) -> None:
    question = submit_question(member, event, body="  How do you cost care work?  ")

    assert question.body == "How do you cost care work?"
    assert question.event == event
    assert question.author == member


def test_members_who_are_not_registered_cannot_ask(event: Event) -> None:
    with pytest.raises(PermissionDenied, match="Register for this event"):
        submit_question(make_member(), event, body="May I?")


def test_no_questions_after_the_end(member: Member) -> None:
    event = make_event(starts_at=timezone.now() - timedelta(hours=3))
    make_registration(event=event, member=member)

    with pytest.raises(PermissionDenied, match="over"):
        submit_question(member, event, body="Too late?")


def test_questions_are_accepted_during_the_event(member: Member) -> None:
    event = make_event(starts_at=timezone.now() - timedelta(minutes=10))
    make_registration(event=event, member=member)

    assert submit_question(member, event, body="Live question").pk


def test_a_50000_character_question_is_refused_at_the_field(member: Member, event: Event) -> None:
    with pytest.raises(ValidationError) as refused:
        submit_question(member, event, body="x" * 50_000)

    assert "body" in refused.value.message_dict
    assert f"at most {QUESTION_MAX:,} characters" in refused.value.message_dict["body"][0]
    assert "50,000" in refused.value.message_dict["body"][0]
    assert not Question.objects.exists()


def test_an_empty_question_is_refused(member: Member, event: Event) -> None:
    with pytest.raises(ValidationError, match="Write your question"):
        submit_question(member, event, body="   ")


def test_voting_counts_one_vote_per_member(member: Member, event: Event) -> None:
    question = make_question(event=event, author=registered(event))

    assert vote_for_question(member, question) is True
    assert vote_for_question(member, question) is False
    vote_for_question(registered(event), question)

    assert votes(question) == 2
    assert QuestionVote.objects.filter(question=question, member=member).count() == 1


def test_no_vote_on_ones_own_question(member: Member, event: Event) -> None:
    question = make_question(event=event, author=member)

    with pytest.raises(PermissionDenied, match="your own question"):
        vote_for_question(member, question)

    assert votes(question) == 0


def test_no_vote_on_a_hidden_question(member: Member, event: Event) -> None:
    question = make_question(event=event, author=registered(event), is_hidden=True)

    with pytest.raises(PermissionDenied, match="hidden"):
        vote_for_question(member, question)


def test_taking_a_vote_back(member: Member, event: Event) -> None:
    question = make_question(event=event, author=registered(event))
    vote_for_question(member, question)

    assert withdraw_vote(member, question) is True
    assert withdraw_vote(member, question) is False

    assert votes(question) == 0


def test_facilitators_mark_answered_and_hide(facilitator: Member, event: Event) -> None:
    question = make_question(event=event, author=registered(event))

    mark_answered(facilitator, question)
    hide_question(facilitator, question)

    question.refresh_from_db()
    assert question.is_answered
    assert question.answered_at is not None
    assert question.is_hidden
    assert question.hidden_by == facilitator

    hide_question(facilitator, question, hidden=False)
    mark_answered(facilitator, question, answered=False)
    question.refresh_from_db()
    assert not question.is_hidden
    assert question.hidden_by is None
    assert not question.is_answered
    assert question.answered_at is None


def test_members_cannot_moderate_questions(member: Member, event: Event) -> None:
    question = make_question(event=event, author=registered(event))

    with pytest.raises(PermissionDenied):
        mark_answered(member, question)
    with pytest.raises(PermissionDenied):
        hide_question(member, question)

    question.refresh_from_db()
    assert not question.is_answered
    assert not question.is_hidden
