"""A facilitator's decision on a suggested training reaches the member as one
notification: approved (linking to the training) or declined (with the reason, linking
to the suggestion form); nothing for a member who turned it off, nothing twice."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from tertulia.accounts.models import Member
from tertulia.notifications.models import Delivery, Kind, Notification
from tertulia.notifications.services import set_preference
from tertulia.trainings.models import Training
from tertulia.trainings.services.review import decline_training, publish_training
from tertulia.trainings.services.trainings import suggest_training
from tests.trainings.factories import details

pytestmark = pytest.mark.django_db
REASON = "The course is no longer offered."


@pytest.fixture
def suggestion(member: Member) -> Training:
    return suggest_training(member, details(title="Participatory Gender Audit"))


def test_publishing_is_one_notification_linking_to_the_training(
    facilitator: Member,
    member: Member,
    suggestion: Training,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        publish_training(facilitator, suggestion)
        publish_training(facilitator, Training.objects.get(pk=suggestion.pk))  # double click

    (row,) = Notification.objects.all()
    assert (row.kind, row.recipient, row.actor) == (Kind.SUGGESTION_APPROVED, member, facilitator)
    assert row.params == {"subject": "Participatory Gender Audit"}
    assert row.url == reverse(
        "training-detail", kwargs={"training_id": suggestion.pk, "slug": suggestion.slug}
    )
    assert len(mail.outbox) == 1


def test_declining_carries_the_reason_and_links_to_the_suggestion_form(
    facilitator: Member,
    suggestion: Training,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        decline_training(facilitator, suggestion, reason=REASON)

    (row,) = Notification.objects.all()
    assert row.kind == Kind.SUGGESTION_DECLINED
    assert row.snippet == REASON
    assert row.url == reverse("training-suggest")
    (message,) = mail.outbox
    assert REASON in message.body
    assert reverse("training-suggest") in message.body


def test_a_member_who_turned_approvals_off_is_not_told(
    facilitator: Member,
    member: Member,
    suggestion: Training,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    set_preference(member, Kind.SUGGESTION_APPROVED, Delivery.OFF)

    with django_capture_on_commit_callbacks(execute=True):
        publish_training(facilitator, suggestion)
        decline_training(facilitator, suggestion, reason=REASON)

    # Approvals are off, declines are not: only the decline is told.
    assert [row.kind for row in Notification.objects.all()] == [Kind.SUGGESTION_DECLINED]
    assert len(mail.outbox) == 1
