"""Reporting a message: once per reporter; facilitators see that message only."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.messaging.models import MessageReport
from tertulia.messaging.services.conversations import reply
from tests.messaging.conftest import client_for, start

pytestmark = pytest.mark.django_db


def test_a_participant_reports_a_message_once(member: Member, other_member: Member) -> None:
    conversation = start(other_member, [member], body="Something rude")
    message = conversation.messages.get()
    client = client_for(member)

    form = client.get(f"/messages/message/{message.pk}/report/")
    assert form.status_code == 200
    response = client.post(f"/messages/message/{message.pk}/report/", {"reason": "Insulting"})

    assert response.status_code == 302
    report = MessageReport.objects.get()
    assert (report.reporter, report.message, report.reason) == (member, message, "Insulting")
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "You reported this message." in page

    again = client.post(f"/messages/message/{message.pk}/report/", {"reason": "Again"})
    assert "You have already reported this message." in again.content.decode()
    assert MessageReport.objects.count() == 1


def test_a_report_needs_a_reason(member: Member, other_member: Member) -> None:
    message = start(other_member, [member]).messages.get()

    response = client_for(member).post(f"/messages/message/{message.pk}/report/", {"reason": " "})

    assert "Tell the facilitators what is wrong with this message." in response.content.decode()
    assert not MessageReport.objects.exists()


def test_one_cannot_report_ones_own_message(member: Member, other_member: Member) -> None:
    message = start(member, [other_member]).messages.get()

    response = client_for(member).post(f"/messages/message/{message.pk}/report/", {"reason": "x"})

    assert response.status_code == 403
    assert not MessageReport.objects.exists()


def test_the_facilitator_sees_the_reported_message_not_the_conversation(
    member: Member, other_member: Member, facilitator: Member, facilitator_client: Client
) -> None:
    conversation = start(other_member, [member], body="The private start")
    reported = reply(other_member, conversation, body="The **offending** words")
    reply(member, conversation, body="The private end")
    client_for(member).post(f"/messages/message/{reported.pk}/report/", {"reason": "Threat"})

    page = facilitator_client.get("/messages/reports/").content.decode()

    assert "<strong>offending</strong>" in page
    assert other_member.display_name in page
    assert "Threat" in page
    assert "The private start" not in page
    assert "The private end" not in page
    assert facilitator_client.get(f"/messages/{conversation.pk}/").status_code == 404

    report = MessageReport.objects.get()
    response = facilitator_client.post(f"/messages/reports/{report.pk}/resolve/")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.resolved_by == facilitator
    assert report.resolved_at is not None
    assert "No reports." in facilitator_client.get("/messages/reports/").content.decode()
    resolved = facilitator_client.get("/messages/reports/?show=resolved").content.decode()
    assert "<strong>offending</strong>" in resolved


def test_members_cannot_open_the_report_queue(member_client: Client) -> None:
    assert member_client.get("/messages/reports/").status_code == 403
