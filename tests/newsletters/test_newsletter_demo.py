"""The demo community has a newsletter archive and notifications to look at."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tertulia.newsletters.models import Edition, Issue, IssueDelivery, IssueStatus
from tertulia.notifications.models import Kind, Notification


def run_demo_data() -> str:
    out = StringIO()
    call_command("demo_data", force=True, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_demo_has_two_sent_issues_in_three_languages_and_mentions(client: Client) -> None:
    output = run_demo_data()

    issues = list(Issue.objects.order_by("sent_at"))
    assert [issue.status for issue in issues] == [IssueStatus.SENT, IssueStatus.SENT]
    for issue in issues:
        editions = Edition.objects.filter(issue=issue)
        assert sorted(editions.values_list("language", flat=True)) == ["en", "es", "fr"]
        assert all(edition.sections.exists() for edition in editions)
        assert issue.recipient_count == IssueDelivery.objects.filter(issue=issue).count() > 30
    archive = client.get("/newsletter/").content.decode()
    assert "Welcome to the Tertulia newsletter" in archive
    assert "Measuring change, icebreakers and radio training" in archive
    mentioned = set(
        Notification.objects.filter(kind=Kind.MENTION).values_list("recipient__email", flat=True)
    )
    assert mentioned == {
        "chiamaka.eze@demo.tertulia.example",
        "facilitator@demo.tertulia.example",
    }
    assert "Outgoing mail: " in output
    assert "http://127.0.0.1:8000/newsletter/manage/" in output

    run_demo_data()

    assert Issue.objects.count() == 2
    assert Edition.objects.count() == 6
    assert Notification.objects.filter(kind=Kind.MENTION).count() == 2
