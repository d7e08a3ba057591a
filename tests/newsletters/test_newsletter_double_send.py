"""A double click on "Send" (two POSTs, one after the other or at once) sends once."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client, TestCase
from django_tasks import default_task_backend

from tertulia.accounts.models import Member
from tertulia.newsletters.models import Edition, Issue, IssueStatus
from tertulia.newsletters.services.sending import start_sending
from tests.factories import make_member
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.newsletter_setup import copies_per_recipient, make_issue

__all__ = ["_smtp_controller", "smtp_server"]


@pytest.mark.django_db
def test_a_second_post_sends_nothing_more(
    smtp_server: SMTPServer,
    facilitator: Member,
    facilitator_client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    readers = [facilitator, make_member(), make_member()]
    issue = make_issue(facilitator)

    for _click in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = facilitator_client.post(
                f"/newsletter/manage/{issue.pk}/send/", {"confirm": "yes"}, follow=True
            )
        assert response.status_code == 200

    assert "This issue is already being sent or was sent." in response.content.decode()
    assert copies_per_recipient(smtp_server) == {member.email: 1 for member in readers}


@pytest.mark.django_db
def test_sending_needs_the_confirmation_box(
    smtp_server: SMTPServer, facilitator: Member, facilitator_client: Client
) -> None:
    issue = make_issue(facilitator)

    response = facilitator_client.post(f"/newsletter/manage/{issue.pk}/send/", follow=True)

    assert "Tick the box to confirm" in response.content.decode()
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.DRAFT
    assert smtp_server.received == []


@pytest.mark.django_db
def test_two_posts_that_both_find_a_draft_start_one_sending(
    facilitator: Member, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    """The race a check-then-write would lose: the second POST runs while the first is
    between reading the draft and writing its new status. The status change is one
    conditional UPDATE, so whichever writes second changes nothing."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    issue = make_issue(facilitator)
    second: list[bool] = []
    interrupted: list[bool] = []
    exists = QuerySet.exists

    def exists_then_the_other_click(queryset: QuerySet[Any]) -> bool:
        if queryset.model is Edition and not interrupted:
            interrupted.append(True)
            second.append(start_sending(facilitator, issue.pk))
        return exists(queryset)

    monkeypatch.setattr(QuerySet, "exists", exists_then_the_other_click)
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = start_sending(facilitator, issue.pk)

    assert second == [True]
    assert first is False
    assert len(default_task_backend.results) == 1  # type: ignore[attr-defined]  # DummyBackend
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENDING
