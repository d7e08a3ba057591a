"""Facilitators publish, decline (with a reason) and feature; the submitter is told by a
notification (mailed by the notifications app)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tertulia.accounts.models import Member
from tertulia.library.models import Resource, ResourceStatus
from tertulia.library.services.resources import submit_resource
from tertulia.library.services.review import approve_resource
from tertulia.notifications.models import Kind, Notification
from tertulia.notifications.titles import notification_title
from tests.factories import make_member
from tests.library.conftest import page_text
from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db

OnCommit = Callable[..., AbstractContextManager[Any]]


def spanish_subject(kind: str) -> str:
    """The subject the Spanish-reading submitter gets (titles are the notifications')."""
    with translation.override("es"):
        title = notification_title(kind, {"subject": "Guía de pedagogía feminista"})
    with translation.override("en"):
        assert title != notification_title(kind, {"subject": "Guía de pedagogía feminista"})
    return f"[Tertulia] {title}"


@pytest.fixture
def submitter() -> Member:
    return make_member(
        display_name="Daniela Moreno", email="daniela@example.org", interface_language="es"
    )


@pytest.fixture
def suggestion(submitter: Member) -> Resource:
    return make_resource(
        title="Guía de pedagogía feminista", status=ResourceStatus.PENDING, submitted_by=submitter
    )


def test_the_queue_lists_suggestions_oldest_first(
    facilitator_client: Client, suggestion: Resource
) -> None:
    make_resource(title="Another suggestion", status=ResourceStatus.PENDING)
    make_resource(title="Already published")

    body = page_text(facilitator_client.get("/resources/queue/"))

    assert "2 suggestions waiting" in body
    assert body.index("Guía de pedagogía feminista") < body.index("Another suggestion")
    assert "Already published" not in body
    assert "Daniela Moreno" in body


def test_approving_publishes_and_mails_the_submitter(
    facilitator: Member,
    facilitator_client: Client,
    suggestion: Resource,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(
            f"/resources/{suggestion.pk}/approve/", {"next": "/resources/queue/"}
        )

    assert response["Location"] == "/resources/queue/"
    suggestion.refresh_from_db()
    assert suggestion.status == ResourceStatus.PUBLISHED
    assert suggestion.approved_by == facilitator
    assert suggestion.published_at is not None
    [message] = mail.outbox
    assert message.to == ["Daniela Moreno <daniela@example.org>"]
    assert message.subject == spanish_subject(Kind.SUGGESTION_APPROVED)
    url = reverse("resource-detail", kwargs={"resource_id": suggestion.pk, "slug": suggestion.slug})
    assert url in message.body
    html, mimetype = message.alternatives[0]  # type: ignore[attr-defined]
    assert mimetype == "text/html"
    assert url in str(html)
    assert "Guía de pedagogía feminista" in page_text(Client().get("/resources/"))


def test_declining_needs_a_reason_that_the_submitter_receives(
    facilitator_client: Client,
    suggestion: Resource,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    empty = facilitator_client.post(f"/resources/{suggestion.pk}/decline/", {"reason": "  "})
    assert "Say why" in page_text(empty)
    assert 'aria-invalid="true"' in page_text(empty)
    suggestion.refresh_from_db()
    assert suggestion.status == ResourceStatus.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(
            f"/resources/{suggestion.pk}/decline/",
            {"reason": "We already list the 2018 edition of this guide."},
        )

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == ResourceStatus.DECLINED
    assert suggestion.decline_reason == "We already list the 2018 edition of this guide."
    [message] = mail.outbox
    assert message.to == ["Daniela Moreno <daniela@example.org>"]
    assert message.subject == spanish_subject(Kind.SUGGESTION_DECLINED)
    assert "We already list the 2018 edition" in message.body
    assert reverse("resource-submit") in message.body
    assert "We already list the 2018 edition" in str(message.alternatives[0][0])  # type: ignore[attr-defined]
    detail = page_text(Client().get(f"/resources/{suggestion.pk}/{suggestion.slug}/"))
    assert "not found" in detail.lower() or "no such resource" in detail.lower()


def test_unpublishing_takes_a_resource_off_the_list_and_its_feature(
    facilitator_client: Client,
) -> None:
    resource = make_resource(title="Old toolkit", is_featured=True)

    facilitator_client.post(f"/resources/{resource.pk}/decline/", {"reason": "Link is dead."})

    resource.refresh_from_db()
    assert resource.status == ResourceStatus.DECLINED
    assert not resource.is_featured
    assert "Old toolkit" not in page_text(Client().get("/resources/"))


def test_featuring_and_unfeaturing(facilitator_client: Client, suggestion: Resource) -> None:
    resource = make_resource(title="Great manual")

    facilitator_client.post(f"/resources/{resource.pk}/feature/", {"featured": "1"})
    resource.refresh_from_db()
    assert resource.is_featured
    assert "Great manual" in page_text(facilitator_client.get("/resources/queue/"))

    facilitator_client.post(f"/resources/{resource.pk}/feature/", {"featured": "0"})
    resource.refresh_from_db()
    assert not resource.is_featured

    response = facilitator_client.post(
        f"/resources/{suggestion.pk}/feature/", {"featured": "1"}, follow=True
    )
    assert "Only a published resource can be featured." in page_text(response)
    suggestion.refresh_from_db()
    assert not suggestion.is_featured


def test_a_facilitator_reviewing_their_own_resource_gets_no_mail(
    facilitator: Member, django_capture_on_commit_callbacks: OnCommit
) -> None:
    resource = make_resource(status=ResourceStatus.PENDING, submitted_by=facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        approve_resource(facilitator, resource)
    assert mail.outbox == []


@pytest.mark.parametrize("action", ["approve", "decline", "feature"])
def test_members_and_visitors_cannot_review(
    action: str, client: Client, member_client: Client, suggestion: Resource
) -> None:
    published = make_resource(title="Published")
    for browser in (client, member_client):
        for resource in (suggestion, published):
            response = browser.post(
                f"/resources/{resource.pk}/{action}/", {"reason": "No.", "featured": "1"}
            )
            assert response.status_code == 403
    assert member_client.get("/resources/queue/").status_code == 403
    assert client.get("/resources/queue/").status_code == 403
    suggestion.refresh_from_db()
    published.refresh_from_db()
    assert suggestion.status == ResourceStatus.PENDING
    assert published.status == ResourceStatus.PUBLISHED
    assert not published.is_featured


def test_the_submitter_cannot_approve_their_own_suggestion(
    submitter: Member, suggestion: Resource
) -> None:
    browser = Client()
    browser.force_login(submitter)
    assert browser.post(f"/resources/{suggestion.pk}/approve/").status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == ResourceStatus.PENDING


# About 100 Arabic letters: each is 6 characters once percent-encoded in the address.
ARABIC_TITLE = (
    "دليل المدربات والمدربين في مجال المساواة بين الجنسين والتعليم الشعبي النسوي للمجتمعات المحلية"
)


def test_a_long_arabic_title_is_published_with_a_link_that_fits(
    facilitator_client: Client,
    submitter: Member,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    assert sum(char.isalpha() for char in ARABIC_TITLE) > 80
    suggestion = submit_resource(
        submitter,
        title=ARABIC_TITLE,
        kind="manual",
        description="دليل عملي للمدربات والمدربين الذين يصممون دورات حول المساواة بين الجنسين.",
        url="https://example.org/dalil",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(f"/resources/{suggestion.pk}/approve/")

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == ResourceStatus.PUBLISHED
    url = reverse("resource-detail", kwargs={"resource_id": suggestion.pk, "slug": suggestion.slug})
    assert len(url) <= 500
    assert suggestion.slug.startswith("دليل-المدربات")
    notification = Notification.objects.get(recipient=submitter)
    assert notification.url == url
    assert facilitator_client.get(url).status_code == 200
    [message] = mail.outbox
    assert url in message.body
