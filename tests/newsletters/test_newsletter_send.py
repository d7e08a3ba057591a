"""Sending an issue to every member over real SMTP: one copy each, in their language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.newsletters import delivery, tasks
from tertulia.newsletters.models import DeliveryStatus, Issue, IssueDelivery, IssueStatus
from tertulia.notifications.models import MailSettings
from tests.factories import make_member
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.newsletter_setup import (
    TITLES,
    copies_per_recipient,
    html_of,
    make_issue,
    opt_out,
    text_of,
)

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db


def send(client: Client, issue: Issue, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/newsletter/manage/{issue.pk}/send/", {"confirm": "yes"})
    assert response.status_code == 302


def test_every_member_gets_one_copy_in_their_language(
    smtp_server: SMTPServer,
    facilitator: Member,
    facilitator_client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    readers = {
        "en": [make_member(interface_language="en") for _ in range(3)],
        "es": [make_member(interface_language="es") for _ in range(3)],
        "fr": [make_member(interface_language="fr") for _ in range(2)],
    }
    issue = make_issue(facilitator, ("en", "es"))

    send(facilitator_client, issue, django_capture_on_commit_callbacks)

    copies = copies_per_recipient(smtp_server)
    everyone = [facilitator, *(m for group in readers.values() for m in group)]
    assert copies == {member.email: 1 for member in everyone}
    by_address = {mail.recipients[0]: mail.message for mail in smtp_server.received}
    for member in readers["es"]:
        message = by_address[member.email]
        assert message["Subject"] == f"[Tertulia] {TITLES['es']}"
        assert message["Content-Language"] == "es"
        assert "Trabajo de cuidados" in html_of(message)
        assert '<html lang="es">' in html_of(message)
    # No French edition: French readers get the English one.
    for member in readers["fr"]:
        message = by_address[member.email]
        assert message["Subject"] == f"[Tertulia] {TITLES['en']}"
        assert message["Content-Language"] == "en"
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert issue.recipient_count == len(everyone)
    languages = dict(IssueDelivery.objects.values_list("member__email", "language"))
    assert languages[readers["fr"][0].email] == "en"
    assert languages[readers["es"][0].email] == "es"


def test_each_mail_has_both_parts_and_one_click_unsubscribe(
    smtp_server: SMTPServer,
    facilitator: Member,
    facilitator_client: Client,
    member: Member,
    django_capture_on_commit_callbacks: Any,
) -> None:
    issue = make_issue(facilitator)
    send(facilitator_client, issue, django_capture_on_commit_callbacks)

    message = next(m.message for m in smtp_server.received if m.recipients == [member.email])
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Id"] == "<newsletter.127.0.0.1>"
    assert message["Message-ID"].startswith(f"<newsletter-{issue.pk}-{member.pk}.")
    assert "<strong>care work</strong>" in html_of(message)
    assert "**care work**" in text_of(message)
    # A long header is folded onto a continuation line; unfolded, it is one URL.
    unsubscribe = message["List-Unsubscribe"].strip()
    match = re.fullmatch(r"<http://127\.0\.0\.1:8000(/newsletter/unsubscribe/[^>]+/)>", unsubscribe)
    assert match is not None, unsubscribe
    link = match.group(1)
    assert link in html_of(message)
    assert link in text_of(message)

    # RFC 8058: the mail provider POSTs without a session or CSRF token.
    response = Client(enforce_csrf_checks=True).post(link, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert MailSettings.objects.get(member=member).newsletter_opt_out is True
    assert not MailSettings.objects.filter(member=facilitator, newsletter_opt_out=True).exists()


def test_opted_out_and_inactive_members_get_nothing(
    smtp_server: SMTPServer,
    facilitator: Member,
    facilitator_client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    reader = make_member()
    quiet = make_member()
    opt_out(quiet)
    gone = make_member(is_active=False)
    # A member who changed only other mail settings still gets the newsletter.
    MailSettings.objects.create(member=reader, mailing_list_mode=True)
    issue = make_issue(facilitator)

    send(facilitator_client, issue, django_capture_on_commit_callbacks)

    copies = copies_per_recipient(smtp_server)
    assert copies == {facilitator.email: 1, reader.email: 1}
    assert quiet.email not in copies
    assert gone.email not in copies
    assert not IssueDelivery.objects.filter(member__in=[quiet, gone]).exists()


def test_a_member_who_opts_out_before_their_turn_is_skipped(
    smtp_server: SMTPServer, facilitator: Member, member: Member
) -> None:
    issue = make_issue(facilitator)
    Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING)
    delivery.list_recipients(issue.pk)
    opt_out(member)

    while delivery.run_batch(issue.pk).claimed:
        pass
    delivery.finish_if_done(issue.pk)

    assert copies_per_recipient(smtp_server) == {facilitator.email: 1}
    assert IssueDelivery.objects.get(member=member).status == DeliveryStatus.SKIPPED


def test_refused_addresses_are_counted_as_failures_on_the_issue_page(
    smtp_server: SMTPServer,
    facilitator: Member,
    facilitator_client: Client,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tasks, "INLINE_RETRY_PAUSE_SECONDS", 0)
    make_member()
    issue = make_issue(facilitator)
    # The first mail is refused for good, the second once for now (then accepted).
    smtp_server.refuse_next("550 5.1.1 No such mailbox", "451 4.3.0 Try again later")

    send(facilitator_client, issue, django_capture_on_commit_callbacks)

    statuses = sorted(IssueDelivery.objects.values_list("status", flat=True))
    assert statuses == [DeliveryStatus.FAILED, DeliveryStatus.SENT]
    page = facilitator_client.get(f"/newsletter/manage/{issue.pk}/").content.decode()
    assert "1 sent" in page
    assert "1 failed" in page
    assert "2 of 2 done" in page
