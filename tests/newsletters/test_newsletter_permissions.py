"""Only facilitators compose, preview, test and send; members get 403, visitors sign in."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.newsletters.models import Issue, IssueStatus
from tertulia.newsletters.services.compose import start_issue
from tertulia.newsletters.services.sending import resume_sending, send_test, start_sending
from tests.newsletters.newsletter_setup import draft, make_issue

pytestmark = pytest.mark.django_db

MANAGE = "/newsletter/manage/"
PAGES = [
    MANAGE,
    MANAGE + "new/",
    MANAGE + "{id}/",
    MANAGE + "{id}/progress/",
    MANAGE + "{id}/en/",
    MANAGE + "{id}/en/preview/",
]
ACTIONS = [
    MANAGE + "new/",
    MANAGE + "{id}/en/",
    MANAGE + "{id}/test/",
    MANAGE + "{id}/send/",
    MANAGE + "{id}/resume/",
    MANAGE + "{id}/delete/",
    MANAGE + "{id}/en/remove/",
]


@pytest.fixture
def issue(facilitator: Member) -> Issue:
    return make_issue(facilitator)


@pytest.mark.parametrize("url", PAGES)
def test_members_cannot_open_the_facilitators_pages(
    member_client: Client, issue: Issue, url: str
) -> None:
    assert member_client.get(url.format(id=issue.pk)).status_code == 403


@pytest.mark.parametrize("url", ACTIONS)
def test_members_cannot_compose_or_send(member_client: Client, issue: Issue, url: str) -> None:
    response = member_client.post(
        url.format(id=issue.pk), {"confirm": "yes", "language": "en", "title": "Mine"}
    )

    assert response.status_code == 403
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT
    assert Issue.objects.count() == 1


@pytest.mark.parametrize("url", PAGES)
def test_visitors_are_asked_to_sign_in(client: Client, issue: Issue, url: str) -> None:
    response = client.get(url.format(id=issue.pk))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_services_refuse_members_too(member: Member, issue: Issue) -> None:
    with pytest.raises(PermissionDenied):
        start_issue(member, draft())
    with pytest.raises(PermissionDenied):
        send_test(member, issue.pk, "en")
    with pytest.raises(PermissionDenied):
        start_sending(member, issue.pk)
    with pytest.raises(PermissionDenied):
        resume_sending(member, issue.pk)


@pytest.mark.parametrize("url", PAGES)
def test_facilitators_open_every_page(facilitator_client: Client, issue: Issue, url: str) -> None:
    assert facilitator_client.get(url.format(id=issue.pk)).status_code == 200


def test_the_facilitator_area_links_to_the_newsletter(facilitator_client: Client) -> None:
    page = facilitator_client.get("/facilitate/").content.decode()

    assert 'href="/newsletter/manage/"' in page
