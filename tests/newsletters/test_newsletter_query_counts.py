"""The facilitators' newsletter pages cost a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.newsletters import delivery
from tertulia.newsletters.models import Issue, IssueStatus
from tests.factories import make_member
from tests.newsletters.newsletter_setup import make_issue, mark_sent

pytestmark = pytest.mark.django_db

# Every signed-in page: the session and the member.
SIGNED_IN = 2


@pytest.mark.parametrize("count", [1, 5])
def test_the_list_of_issues(
    facilitator: Member,
    facilitator_client: Client,
    count: int,
    django_assert_num_queries: Any,
) -> None:
    for _ in range(count):
        make_issue(facilitator, ("en", "fr"))
    facilitator_client.get("/newsletter/manage/")

    with django_assert_num_queries(SIGNED_IN + 3):  # count, issues, their editions
        response = facilitator_client.get("/newsletter/manage/")

    assert response.content.decode().count("EN, FR") == count


@pytest.mark.parametrize("members", [1, 6])
def test_a_draft_issue_page(
    facilitator: Member,
    facilitator_client: Client,
    members: int,
    django_assert_num_queries: Any,
) -> None:
    for n in range(members):
        make_member(interface_language=("en", "es", "fr")[n % 3])
    issue = make_issue(facilitator, ("en", "es"))
    facilitator_client.get(f"/newsletter/manage/{issue.pk}/")

    # issue, editions, who would get which edition
    with django_assert_num_queries(SIGNED_IN + 3):
        response = facilitator_client.get(f"/newsletter/manage/{issue.pk}/")

    assert "Send to every member now" in response.content.decode()


@pytest.mark.parametrize("members", [1, 6])
def test_a_sending_issue_page_and_its_progress(
    facilitator: Member,
    facilitator_client: Client,
    members: int,
    django_assert_num_queries: Any,
) -> None:
    for _ in range(members):
        make_member()
    issue = make_issue(facilitator)
    Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING)
    delivery.list_recipients(issue.pk)
    facilitator_client.get(f"/newsletter/manage/{issue.pk}/")

    with django_assert_num_queries(SIGNED_IN + 3):  # issue, editions, progress counts
        page = facilitator_client.get(f"/newsletter/manage/{issue.pk}/").content.decode()
    with django_assert_num_queries(SIGNED_IN + 2):  # issue, progress counts
        fragment = facilitator_client.get(
            f"/newsletter/manage/{issue.pk}/progress/", headers={"HX-Request": "true"}
        ).content.decode()

    total = members + 1
    assert f"0 of {total} done" in page
    assert f"{total} waiting" in fragment
    assert 'hx-trigger="every 3s"' in fragment
    assert "<html" not in fragment


def test_a_sent_issue_page_stops_polling(facilitator: Member, facilitator_client: Client) -> None:
    issue = mark_sent(make_issue(facilitator))

    fragment = facilitator_client.get(f"/newsletter/manage/{issue.pk}/progress/").content.decode()

    assert "hx-trigger" not in fragment
    assert "Sent on" in fragment
