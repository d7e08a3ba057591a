"""Notification mail carries a reply address for its thread or conversation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any

import pytest

from tertulia.accounts.models import Member
from tertulia.notifications.inbound.addresses import reply_address
from tertulia.notifications.models import Kind
from tertulia.notifications.services import notify
from tertulia.notifications.tokens import (
    BadReplyTokenError,
    ExpiredReplyTokenError,
    make_reply_token,
    read_reply_token,
)
from tests.mailserver import SMTPServer
from tests.notifications.mails import DOMAIN, inbound_settings

__all__ = ["inbound_settings"]
pytestmark = pytest.mark.django_db
KINDS = ("thread", "conversation")
SIX_MONTHS = timedelta(days=180)


def _mail_for(group: str, recipient: Member, actor: Member, commit: Callable[[], Any]) -> None:
    with commit():
        notify(
            recipient,
            Kind.REPLY,
            actor=actor,
            url="/forums/p/40/",
            params={"subject": "Care work and budgets"},
            group=group,
        )


def _plain_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def test_thread_mail_says_reply_to_a_token_address_for_that_member_and_thread(
    smtp_server: SMTPServer,
    inbound_settings: Any,
    commit: Callable[[], Any],
    member: Member,
    staff: Member,
) -> None:
    _mail_for("thread:12", member, staff, commit)

    (received,) = smtp_server.received
    (reply_to,) = received.message["Reply-To"].addresses
    local, domain = reply_to.username, reply_to.domain
    assert domain == DOMAIN
    assert local.startswith("reply+")
    token = local.removeprefix("reply+")
    assert token == token.lower()
    assert len(local) <= 64
    found = read_reply_token(token, KINDS, max_age=SIX_MONTHS)
    assert (found.member_id, found.kind, found.target_id) == (member.pk, "thread", 12)
    assert "Or reply to this mail" in _plain_text(received.message)


def test_conversation_mail_gets_a_conversation_token(
    smtp_server: SMTPServer,
    inbound_settings: Any,
    commit: Callable[[], Any],
    member: Member,
    staff: Member,
) -> None:
    _mail_for("conversation:5", member, staff, commit)

    reply_to = smtp_server.received[0].message["Reply-To"].addresses[0]
    found = read_reply_token(reply_to.username.removeprefix("reply+"), KINDS, max_age=SIX_MONTHS)
    assert (found.kind, found.target_id) == ("conversation", 5)


def test_no_reply_to_without_a_reply_domain(
    smtp_server: SMTPServer, settings: Any, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    settings.REPLY_DOMAIN = ""
    _mail_for("thread:12", member, staff, commit)

    assert smtp_server.received[0].message["Reply-To"] is None
    assert "reply to this mail" not in _plain_text(smtp_server.received[0].message)


def test_no_reply_to_for_a_group_nobody_answers_by_mail(
    smtp_server: SMTPServer,
    inbound_settings: Any,
    commit: Callable[[], Any],
    member: Member,
    staff: Member,
) -> None:
    _mail_for("event:3", member, staff, commit)

    assert smtp_server.received[0].message["Reply-To"] is None
    assert reply_address(member.pk, "") == ""


def test_a_lowercased_or_uppercased_token_still_reads() -> None:
    token = make_reply_token(70_000, "conversation", 123_456)

    for variant in (token, token.upper()):
        found = read_reply_token(variant, KINDS, max_age=SIX_MONTHS)
        assert (found.member_id, found.target_id) == (70_000, 123_456)


def test_a_token_for_another_member_or_target_cannot_be_made_by_editing_it() -> None:
    token = make_reply_token(7, "thread", 12)
    forged = ("b" if token[0] != "b" else "c") + token[1:]

    with pytest.raises(BadReplyTokenError):
        read_reply_token(forged, KINDS, max_age=SIX_MONTHS)
    with pytest.raises(BadReplyTokenError):
        read_reply_token(token[:-2], KINDS, max_age=SIX_MONTHS)
    with pytest.raises(BadReplyTokenError):
        read_reply_token("not-a-token!", KINDS, max_age=SIX_MONTHS)


def test_a_token_only_reads_as_the_kind_it_was_made_for() -> None:
    token = make_reply_token(7, "thread", 12)

    with pytest.raises(BadReplyTokenError):
        read_reply_token(token, ("conversation",), max_age=SIX_MONTHS)


def test_a_token_expires_after_its_age_but_still_says_whose_it_was() -> None:
    token = make_reply_token(7, "thread", 12, today=date(2025, 1, 1))

    assert read_reply_token(token, KINDS, max_age=SIX_MONTHS, today=date(2025, 6, 29))
    with pytest.raises(ExpiredReplyTokenError) as expired:
        read_reply_token(token, KINDS, max_age=SIX_MONTHS, today=date(2025, 7, 1))
    assert expired.value.token.member_id == 7


def test_tokens_survive_a_secret_key_rotation(settings: Any) -> None:
    token = make_reply_token(7, "thread", 12)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-" + "x" * 40

    assert read_reply_token(token, KINDS, max_age=SIX_MONTHS).member_id == 7
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(BadReplyTokenError):
        read_reply_token(token, KINDS, max_age=SIX_MONTHS)
