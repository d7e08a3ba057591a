"""One-click unsubscribe (RFC 8058): no session, no CSRF token, a signed link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.notifications.mail import unsubscribe_url
from tertulia.notifications.models import Delivery, Kind, NotificationPreference
from tertulia.notifications.services import notify
from tertulia.notifications.services.preferences import delivery_for
from tertulia.notifications.tokens import UNSUBSCRIBE_SALT as SALT
from tertulia.notifications.tokens import make_unsubscribe_token
from tests.mailserver import SMTPServer

pytestmark = pytest.mark.django_db


def _path(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000")


def test_one_click_post_from_the_mail_turns_the_kind_off(
    smtp_server: SMTPServer, commit: Callable[[], Any], member: Member, staff: Member
) -> None:
    with commit():
        notify(member, Kind.MENTION, actor=staff, url="/t/1/", params={"subject": "S"})
    link = smtp_server.received[0].message["List-Unsubscribe"].strip().strip("<>")
    client = Client(enforce_csrf_checks=True)  # as a mail provider: no cookie, no token

    response = client.post(
        _path(link),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert delivery_for(member.pk, Kind.MENTION) == Delivery.OFF
    with commit():
        assert notify(member, Kind.MENTION, actor=staff, url="/t/2/") is None
    assert len(smtp_server.received) == 1


def test_a_forum_scoped_link_turns_off_only_that_forum(member: Member, client: Client) -> None:
    url = unsubscribe_url(member.pk, Kind.REPLY, "forum:3")
    assert client.post(_path(url)).status_code == 200
    assert delivery_for(member.pk, Kind.REPLY, "forum:3") == Delivery.OFF
    assert delivery_for(member.pk, Kind.REPLY, "forum:4") == Delivery.EMAIL


def test_get_shows_a_confirmation_and_changes_nothing(member: Member, client: Client) -> None:
    response = client.get(_path(unsubscribe_url(member.pk, Kind.MENTION)))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone mentions me" in body
    assert '<button type="submit">' in body
    assert not NotificationPreference.objects.exists()


def test_a_forged_link_is_refused_with_a_clear_page(member: Member, client: Client) -> None:
    url = _path(unsubscribe_url(member.pk, Kind.MENTION))
    # Signed with another key, as someone without the site's secret would have to.
    blob = signing.dumps({"m": member.pk, "k": "mention", "s": ""}, key="guessed", salt=SALT)
    forged = f"/notifications/unsubscribe/{blob}/"
    tampered = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]

    for bad in (tampered, "/notifications/unsubscribe/not-a-token/", forged):
        response = client.post(bad)
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_valid_link_for_a_deleted_member_is_refused(client: Client) -> None:
    response = client.post(f"/notifications/unsubscribe/{make_unsubscribe_token(999, 'mention')}/")
    assert response.status_code == 400


def _overrides_text(client: Client, member: Member) -> str:
    client.force_login(member)
    body = client.get("/notifications/preferences/").content.decode()
    return body.partition('class="preference-overrides"')[2].partition("</ul>")[0]


def test_a_forum_link_from_a_mail_names_the_forum_on_the_preferences_page(
    smtp_server: SMTPServer,
    commit: Callable[[], Any],
    member: Member,
    staff: Member,
    client: Client,
) -> None:
    with commit():
        notify(
            member,
            Kind.REPLY,
            actor=staff,
            url="/t/1/",
            params={"subject": "Opening a workshop", "forum": "Café des formatrices"},
            scope="forum:3",
        )
    link = smtp_server.received[0].message["List-Unsubscribe"].strip().strip("<>")

    assert Client(enforce_csrf_checks=True).post(_path(link)).status_code == 200

    assert NotificationPreference.objects.get(scope="forum:3").scope_label == (
        "Café des formatrices"
    )
    listed = _overrides_text(client, member)
    assert f"Café des formatrices — {Kind.REPLY.label}: " in listed
    assert "forum:3" not in listed.replace('value="forum:3"', "")


def test_a_forum_link_without_a_notification_takes_the_name_of_another_choice(
    member: Member, client: Client
) -> None:
    NotificationPreference.objects.create(
        member=member, kind=Kind.NEW_THREAD, scope="forum:3", scope_label="Café", delivery="email"
    )

    assert client.post(_path(unsubscribe_url(member.pk, Kind.REPLY, "forum:3"))).status_code == 200

    assert NotificationPreference.objects.get(kind=Kind.REPLY).scope_label == "Café"


def test_a_forum_choice_whose_name_is_unknown_is_shown_as_one_forum(
    member: Member, client: Client
) -> None:
    assert client.post(_path(unsubscribe_url(member.pk, Kind.REPLY, "forum:3"))).status_code == 200

    listed = _overrides_text(client, member)
    assert f"one forum — {Kind.REPLY.label}: " in listed
    assert "forum:3 —" not in listed


def test_a_link_naming_someone_elses_notification_does_not_take_its_forum(
    member: Member, staff: Member, client: Client
) -> None:
    theirs = notify(
        staff, Kind.REPLY, actor=member, url="/t/1/", params={"forum": "Private"}, scope="forum:3"
    )
    assert theirs is not None
    url = unsubscribe_url(member.pk, Kind.REPLY, "forum:3", notification_id=theirs.pk)

    assert client.post(_path(url)).status_code == 200

    assert NotificationPreference.objects.get(member=member).scope_label == ""
