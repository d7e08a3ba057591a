"""notify(): who is told, once, and how their preferences decide delivery."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from tertulia.accounts.models import Member
from tertulia.notifications.models import Delivery, Kind, Notification
from tertulia.notifications.services import notify, set_preference
from tests.mailserver import SMTPServer

pytestmark = pytest.mark.django_db


def test_the_actor_is_never_told_about_their_own_action(member: Member) -> None:
    assert notify(member, Kind.REPLY, actor=member, url="/t/1/") is None
    assert not Notification.objects.exists()


def test_off_creates_nothing_and_sends_nothing(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    set_preference(member, Kind.MENTION, Delivery.OFF)
    with commit():
        assert notify(member, Kind.MENTION, actor=staff, url="/t/1/") is None
    assert not Notification.objects.exists()
    assert smtp_server.received == []


def test_on_the_site_only_stores_without_mail(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    set_preference(member, Kind.MENTION, Delivery.IN_APP)
    with commit():
        notification = notify(member, Kind.MENTION, actor=staff, url="/t/1/")
    assert notification is not None
    assert notification.delivery == Delivery.IN_APP
    assert smtp_server.received == []


def test_a_forum_choice_overrides_the_kind_choice(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    set_preference(member, Kind.REPLY, Delivery.OFF, scope="forum:3", scope_label="Off-topic")
    with commit():
        quiet = notify(member, Kind.REPLY, actor=staff, url="/a/", scope="forum:3")
        loud = notify(member, Kind.REPLY, actor=staff, url="/b/", scope="forum:4")
    assert quiet is None
    assert loud is not None
    assert loud.delivery == Delivery.EMAIL  # the default for replies
    assert len(smtp_server.received) == 1


def test_defaults_mail_mentions_and_keep_reactions_on_the_site(
    member: Member, staff: Member
) -> None:
    mention = notify(member, Kind.MENTION, actor=staff, url="/a/")
    like = notify(member, Kind.REACTION, actor=staff, url="/b/", source="post:1")
    assert mention is not None
    assert like is not None
    assert mention.delivery == Delivery.EMAIL
    assert like.delivery == Delivery.IN_APP


def test_a_retried_caller_gets_the_same_row(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    with commit():
        first = notify(member, Kind.MENTION, actor=staff, url="/a/", dedupe_key="mention:post:9")
    with commit():
        again = notify(member, Kind.MENTION, actor=staff, url="/a/", dedupe_key="mention:post:9")
    assert first is not None
    assert again is not None
    assert again.pk == first.pk
    assert Notification.objects.count() == 1
    assert len(smtp_server.received) == 1


def test_likes_on_one_post_are_batched_while_unread(
    member: Member, staff: Member, facilitator: Member
) -> None:
    notify(
        member, Kind.REACTION, actor=staff, url="/p/5/", source="post:5", params={"subject": "T"}
    )
    batched = notify(
        member,
        Kind.REACTION,
        actor=facilitator,
        url="/p/5/",
        source="post:5",
        params={"subject": "T"},
    )
    other_post = notify(member, Kind.REACTION, actor=staff, url="/p/6/", source="post:6")
    assert batched is not None
    assert other_post is not None
    assert batched.count == 2
    assert batched.actor == facilitator
    assert Notification.objects.count() == 2


def test_a_rolled_back_write_notifies_and_mails_nobody(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    def failing_write() -> None:
        with transaction.atomic():
            notify(member, Kind.MENTION, actor=staff, url="/a/")
            raise RuntimeError("the post failed to save")

    with commit(), pytest.raises(RuntimeError):
        failing_write()
    assert not Notification.objects.exists()
    assert smtp_server.received == []


def test_an_inactive_member_is_not_notified(member: Member, staff: Member) -> None:
    member.is_active = False
    member.save()
    assert notify(member, Kind.MENTION, actor=staff, url="/a/") is None
