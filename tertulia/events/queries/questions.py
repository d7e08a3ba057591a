"""The questions an event page shows, and the question a button acts on."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.shortcuts import get_object_or_404

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.events.models import Event, Question, QuestionVote
from tertulia.events.permissions import can_moderate_questions


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    has_voted: bool
    is_own: bool


def event_questions(viewer: Viewer, event: Event, *, is_over: bool) -> list[QuestionRow]:
    """Most votes first (then oldest first). Members see the shown questions, and once
    the event is over only the answered ones; facilitators see every question."""
    questions = Question.objects.filter(event=event).select_related("author")
    if not can_moderate_questions(viewer, event):
        visible = Q(is_hidden=False)
        if is_over:
            visible &= Q(is_answered=True)
        questions = questions.filter(visible)
    rows = list(questions.order_by("-vote_count", "created_at", "id"))
    voted: set[int] = set()
    if isinstance(viewer, Member) and rows:
        voted = set(
            QuestionVote.objects.filter(
                member=viewer, question__in=[q.pk for q in rows]
            ).values_list("question_id", flat=True)
        )
    return [
        QuestionRow(
            question=q,
            has_voted=q.pk in voted,
            is_own=isinstance(viewer, Member) and q.author_id == viewer.pk,
        )
        for q in rows
    ]


def question_for_action(question_id: int) -> Question:
    """The question a vote or moderation button names, with its event (404 if none)."""
    return get_object_or_404(Question.objects.select_related("event"), pk=question_id)
