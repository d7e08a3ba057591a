"""A facilitator's decision on a suggested resource reaches its submitter as one
notification: approved (linking to the resource) or declined (with the reason, linking
to the suggestion form); nothing for a member who turned it off, nothing twice."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.library.models import Resource, ResourceStatus
from tertulia.library.services.review import approve_resource, decline_resource
from tertulia.notifications.models import Delivery, Kind, Notification
from tertulia.notifications.services import set_preference
from tests.factories import make_member
from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db
OnCommit = Callable[..., AbstractContextManager[Any]]
REASON = "We already list the 2018 edition of this guide."


@pytest.fixture
def submitter() -> Member:
    return make_member(display_name="Daniela Moreno", email="daniela@example.org")


@pytest.fixture
def suggestion(submitter: Member) -> Resource:
    return make_resource(
        title="Feminist pedagogy guide", status=ResourceStatus.PENDING, submitted_by=submitter
    )


def test_approval_is_one_notification_linking_to_the_resource(
    facilitator: Member, suggestion: Resource, django_capture_on_commit_callbacks: OnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        approve_resource(facilitator, suggestion)
        approve_resource(facilitator, Resource.objects.get(pk=suggestion.pk))  # double click

    (row,) = Notification.objects.all()
    assert row.kind == Kind.SUGGESTION_APPROVED
    assert row.recipient == suggestion.submitted_by
    assert row.actor == facilitator
    assert row.params == {"subject": "Feminist pedagogy guide"}
    assert row.url == reverse(
        "resource-detail", kwargs={"resource_id": suggestion.pk, "slug": suggestion.slug}
    )
    assert len(mail.outbox) == 1


def test_decline_carries_the_reason_and_links_to_the_suggestion_form(
    facilitator: Member, suggestion: Resource, django_capture_on_commit_callbacks: OnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        decline_resource(facilitator, suggestion, reason=REASON)
        # The same decision again (a double click, or a second facilitator): told once.
        decline_resource(facilitator, Resource.objects.get(pk=suggestion.pk), reason=REASON)

    (row,) = Notification.objects.all()
    assert row.kind == Kind.SUGGESTION_DECLINED
    assert row.snippet == REASON
    assert row.url == reverse("resource-submit")
    (message,) = mail.outbox
    assert REASON in message.body


def test_a_changed_reason_is_a_new_decision(
    facilitator: Member, suggestion: Resource, django_capture_on_commit_callbacks: OnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        decline_resource(facilitator, suggestion, reason=REASON)
        decline_resource(facilitator, suggestion, reason="The link is broken.")

    assert [row.snippet for row in Notification.objects.order_by("id")] == [
        REASON,
        "The link is broken.",
    ]


def test_a_submitter_who_turned_it_off_is_not_told(
    facilitator: Member,
    submitter: Member,
    suggestion: Resource,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    set_preference(submitter, Kind.SUGGESTION_DECLINED, Delivery.OFF)

    with django_capture_on_commit_callbacks(execute=True):
        decline_resource(facilitator, suggestion, reason=REASON)

    suggestion.refresh_from_db()
    assert suggestion.status == ResourceStatus.DECLINED
    assert not Notification.objects.exists()
    assert mail.outbox == []
