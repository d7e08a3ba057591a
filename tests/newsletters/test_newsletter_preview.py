"""The preview is the mail's HTML, and "send me a test" mails the facilitator alone."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.newsletters.models import Issue, IssueDelivery, IssueStatus
from tests.factories import make_member
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.newsletter_setup import TITLES, html_of, make_issue

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db


def test_the_preview_is_exactly_the_html_of_the_test_mail(
    smtp_server: SMTPServer, facilitator: Member, facilitator_client: Client
) -> None:
    make_member()
    issue = make_issue(facilitator, ("en", "es"))

    preview = facilitator_client.get(f"/newsletter/manage/{issue.pk}/es/preview/")
    response = facilitator_client.post(f"/newsletter/manage/{issue.pk}/test/", {"language": "es"})

    assert preview.status_code == 200
    assert preview["Content-Type"] == "text/html; charset=utf-8"
    assert response.status_code == 302
    assert len(smtp_server.received) == 1
    mail = smtp_server.received[0]
    # Byte for byte, once SMTP's CRLF line endings are read back as the page's LF.
    assert html_of(mail.message).replace("\r\n", "\n") == preview.content.decode()
    assert "Trabajo de cuidados" in preview.content.decode()
    assert mail.message["Subject"] == f"Test: [Tertulia] {TITLES['es']}"


def test_the_test_goes_to_the_facilitator_only_and_sends_nothing_else(
    smtp_server: SMTPServer, facilitator: Member, facilitator_client: Client
) -> None:
    make_member()
    make_member()
    issue = make_issue(facilitator)

    response = facilitator_client.post(
        f"/newsletter/manage/{issue.pk}/test/", {"language": "en"}, follow=True
    )

    assert [mail.recipients for mail in smtp_server.received] == [[facilitator.email]]
    assert f"A test is on its way to {facilitator.email}." in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT
    assert not IssueDelivery.objects.exists()


def test_a_test_of_a_missing_edition_says_so(
    smtp_server: SMTPServer, facilitator: Member, facilitator_client: Client
) -> None:
    issue = make_issue(facilitator)

    response = facilitator_client.post(
        f"/newsletter/manage/{issue.pk}/test/", {"language": "fr"}, follow=True
    )

    assert "This issue has no edition in that language." in response.content.decode()
    assert smtp_server.received == []


def test_an_unreachable_mail_server_is_reported_not_a_crash(
    smtp_server: SMTPServer, facilitator: Member, facilitator_client: Client, settings: object
) -> None:
    issue = make_issue(facilitator)
    settings.EMAIL_PORT = 1  # type: ignore[attr-defined]  # pytest-django's settings fixture

    response = facilitator_client.post(
        f"/newsletter/manage/{issue.pk}/test/", {"language": "en"}, follow=True
    )

    assert response.status_code == 200
    assert "The test could not be sent" in response.content.decode()
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.DRAFT
