"""The questions facility on the event page: send a question, vote (once), take a vote
back; facilitators mark questions answered and hide them.

Every button is a POST form that works without JavaScript and returns to the questions
on the event page; a refusal (voting twice, on one's own question, after the end)
becomes a message there, never an error page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.accounts.models import Member
from tertulia.events.forms.common import add_service_errors
from tertulia.events.forms.pages import QuestionForm
from tertulia.events.models import Question
from tertulia.events.queries.detail import event_page
from tertulia.events.queries.manage import event_for_action
from tertulia.events.queries.questions import question_for_action
from tertulia.events.services import questions
from tertulia.events.views.common import error_text, event_url, signed_in_member
from tertulia.events.views.detail import render_event_page


@login_required
@require_POST
def question_submit(request: HttpRequest, event_id: int) -> HttpResponse:
    member = signed_in_member(request)
    event = event_for_action(event_id)
    form = QuestionForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            questions.submit_question(member, event, body=form.cleaned_data["body"])
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
            status = 403
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your question is sent. Others can now vote for it."))
            return redirect(event_url(event, "questions"))
    return render_event_page(
        request, event_page(member, event.pk), question_form=form, status=status
    )


def _question_action(
    action: Callable[[Member, Question], str],
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, question_id: int) -> HttpResponse:
        question = question_for_action(question_id)
        try:
            message = action(signed_in_member(request), question)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, message)
        return redirect(event_url(question.event, f"question-{question.pk}"))

    view.__name__ = action.__name__
    view.__doc__ = action.__doc__
    return view


def _vote(member: Member, question: Question) -> str:
    """Vote for someone else's question, once."""
    if not questions.vote_for_question(member, question):
        raise ValidationError(_("You have already voted for this question: one vote each."))
    return _("Your vote is counted.")


def _unvote(member: Member, question: Question) -> str:
    """Take one's vote back."""
    if not questions.withdraw_vote(member, question):
        raise ValidationError(_("You had not voted for this question."))
    return _("Your vote is taken back.")


def _answered(member: Member, question: Question) -> str:
    questions.mark_answered(member, question, answered=True)
    return _("The question is marked answered.")


def _unanswered(member: Member, question: Question) -> str:
    questions.mark_answered(member, question, answered=False)
    return _("The question is marked not answered.")


def _hide(member: Member, question: Question) -> str:
    questions.hide_question(member, question, hidden=True)
    return _("The question is hidden from members.")


def _show(member: Member, question: Question) -> str:
    questions.hide_question(member, question, hidden=False)
    return _("The question is shown to members again.")


question_vote = _question_action(_vote)
question_unvote = _question_action(_unvote)
question_answered = _question_action(_answered)
question_unanswered = _question_action(_unanswered)
question_hide = _question_action(_hide)
question_show = _question_action(_show)

urlpatterns = [
    path("<int:event_id>/questions/", question_submit, name="question-submit"),
    path("questions/<int:question_id>/vote/", question_vote, name="question-vote"),
    path("questions/<int:question_id>/unvote/", question_unvote, name="question-unvote"),
    path("questions/<int:question_id>/answered/", question_answered, name="question-answered"),
    path(
        "questions/<int:question_id>/unanswered/", question_unanswered, name="question-unanswered"
    ),
    path("questions/<int:question_id>/hide/", question_hide, name="question-hide"),
    path("questions/<int:question_id>/show/", question_show, name="question-show"),
]
