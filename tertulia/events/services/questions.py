"""The questions facility: members send questions before and during an event and vote
on others'; facilitators mark them answered or hide them.

Each vote is one row (unique per member and question) and the question's `vote_count`
moves in the same transaction, so the order facilitators read is always the real one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.validators import validate_multiline_text
from tertulia.events.models import QUESTION_MAX, Event, Question, QuestionVote
from tertulia.events.permissions import can_moderate_questions, check_ask_question


def clean_question_body(body: str) -> str:
    """The question as it will be stored, or a ValidationError keyed to the `body` field."""
    text = body.strip()
    if not text:
        raise ValidationError({"body": _("Write your question before sending it.")})
    if len(text) > QUESTION_MAX:
        raise ValidationError(
            {
                "body": _(
                    "A question can be at most %(limit)s characters long; yours has "
                    "%(length)s. Shorten it, or split it into two questions."
                )
                % {"limit": f"{QUESTION_MAX:,}", "length": f"{len(text):,}"}
            }
        )
    try:
        validate_multiline_text(text)
    except ValidationError as problem:
        raise ValidationError({"body": problem.messages}) from problem
    return text


def submit_question(member: Member, event: Event, *, body: str) -> Question:
    """Send a question to the event's facilitators (registered members, until the end)."""
    check_ask_question(member, event)
    text = clean_question_body(body)
    return Question.objects.create(event=event, author=member, body=text, language=event.language)


def check_vote(member: Member, question: Question) -> None:
    if question.author_id == member.pk:
        raise PermissionDenied(_("You cannot vote for your own question."))
    if question.is_hidden:
        raise PermissionDenied(_("This question was hidden by a facilitator."))
    check_ask_question(member, question.event)


def vote_for_question(member: Member, question: Question) -> bool:
    """One vote per member: True when the vote was counted, False when they had voted."""
    check_vote(member, question)
    try:
        with transaction.atomic():
            _vote, created = QuestionVote.objects.get_or_create(question=question, member=member)
            if created:
                Question.objects.filter(pk=question.pk).update(vote_count=F("vote_count") + 1)
    except IntegrityError:  # the same vote sent twice at once: the other one counted
        created = False
    if created:
        question.vote_count += 1
    return created


def withdraw_vote(member: Member, question: Question) -> bool:
    """Take back one's vote; True when there was one. Allowed while questions are open."""
    check_ask_question(member, question.event)
    with transaction.atomic():
        deleted, _details = QuestionVote.objects.filter(question=question, member=member).delete()
        if deleted:
            Question.objects.filter(pk=question.pk, vote_count__gt=0).update(
                vote_count=F("vote_count") - 1
            )
    if deleted:
        question.vote_count = max(0, question.vote_count - 1)
    return bool(deleted)


def check_moderate_questions(actor: Member, event: Event) -> None:
    if not can_moderate_questions(actor, event):
        raise PermissionDenied(_("Only the event's facilitators can do this to a question."))


def mark_answered(actor: Member, question: Question, *, answered: bool = True) -> Question:
    """Mark the question answered (or not): answered questions stay on the event page."""
    check_moderate_questions(actor, question.event)
    question.is_answered = answered
    question.answered_at = timezone.now() if answered else None
    Question.objects.filter(pk=question.pk).update(
        is_answered=question.is_answered, answered_at=question.answered_at
    )
    return question


def hide_question(actor: Member, question: Question, *, hidden: bool = True) -> Question:
    """Hide the question from members (or show it again); facilitators still see it."""
    check_moderate_questions(actor, question.event)
    question.is_hidden = hidden
    question.hidden_by = actor if hidden else None
    Question.objects.filter(pk=question.pk).update(
        is_hidden=question.is_hidden, hidden_by=question.hidden_by
    )
    return question
