"""Turning a digest off from the mail: one click (RFC 8058), no session, a signed link."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.newsletters.digests.cadences import Cadence
from tertulia.newsletters.digests.mail import digest_unsubscribe_url
from tertulia.notifications.mail import unsubscribe_url
from tertulia.notifications.models import Delivery, Kind, NotificationPreference
from tertulia.notifications.services import set_preference
from tertulia.notifications.services.preferences import delivery_for
from tertulia.notifications.tokens import UNSUBSCRIBE_SALT
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.digest_setup import make_reader, run_at, tell_reply, text_of

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db

SEVEN_IN_PARIS = datetime(2026, 3, 28, 6, tzinfo=UTC)
DURING = datetime(2026, 3, 27, 15, tzinfo=UTC)


def _path(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000")


def test_one_click_from_the_mail_turns_the_daily_digest_off(smtp_server: SMTPServer) -> None:
    member = make_reader()
    set_preference(member, Kind.MENTION, Delivery.WEEKLY)  # a weekly digest too
    set_preference(member, Kind.REACTION, Delivery.DAILY, scope="forum:3")
    tell_reply(member, at=DURING)
    run_at(SEVEN_IN_PARIS)
    (mail,) = smtp_server.received
    link = mail.message["List-Unsubscribe"].strip().strip("<>")
    client = Client(enforce_csrf_checks=True)  # as a mail provider: no cookie, no token

    response = client.post(
        _path(link),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "Digest turned off" in response.content.decode()
    # Every choice that filled the daily digest now stays on the site.
    assert delivery_for(member.pk, Kind.NEW_THREAD) == Delivery.IN_APP
    assert delivery_for(member.pk, Kind.REPLY) == Delivery.IN_APP
    assert delivery_for(member.pk, Kind.REACTION, "forum:3") == Delivery.IN_APP
    assert delivery_for(member.pk, Kind.MENTION) == Delivery.WEEKLY  # not this digest
    # The next day brings a reply, and no daily digest.
    tell_reply(member, delivery=Delivery.IN_APP, at=SEVEN_IN_PARIS + timedelta(hours=2))
    run_at(SEVEN_IN_PARIS + timedelta(days=1))
    assert len(smtp_server.received) == 1


def test_the_link_is_in_the_text_and_leads_to_a_confirmation(
    smtp_server: SMTPServer, client: Client
) -> None:
    member = make_reader()
    tell_reply(member, at=DURING)
    run_at(SEVEN_IN_PARIS)
    text = text_of(smtp_server.received[0].message)
    link = text.split("Stop this digest: ")[1].split()[0]

    response = client.get(_path(link))

    assert response.status_code == 200
    body = response.content.decode()
    assert "You will no longer receive “Daily digest” by mail." in body
    assert '<button type="submit">' in body
    assert not NotificationPreference.objects.filter(delivery=Delivery.IN_APP).exists()


def test_the_confirmation_page_reads_little(client: Client, django_assert_num_queries: Any) -> None:
    member = make_reader()
    path = _path(digest_unsubscribe_url(member.pk, Cadence.WEEKLY))
    client.get(path)  # the site's settings are read once, then cached

    # The link is its own proof: showing the page reads nothing.
    with django_assert_num_queries(0):
        response = client.get(path)

    assert response.status_code == 200
    assert "Weekly digest" in response.content.decode()


def test_a_weekly_link_turns_off_only_the_weekly_digest(member: Member, client: Client) -> None:
    set_preference(member, Kind.REPLY, Delivery.WEEKLY)

    response = client.post(_path(digest_unsubscribe_url(member.pk, Cadence.WEEKLY)))

    assert response.status_code == 200
    assert delivery_for(member.pk, Kind.REPLY) == Delivery.IN_APP
    assert delivery_for(member.pk, Kind.NEW_THREAD) == Delivery.DAILY
    # Twice is the same as once.
    assert client.post(_path(digest_unsubscribe_url(member.pk, Cadence.WEEKLY))).status_code == 200


def test_bad_links_are_refused_with_a_clear_page(member: Member, client: Client) -> None:
    good = _path(digest_unsubscribe_url(member.pk, Cadence.DAILY))
    tampered = good[:-3] + ("A" if good[-3] != "A" else "B") + good[-2:]
    guessed = signing.dumps({"m": member.pk, "k": "digest", "s": "daily"}, key="x", salt="y")
    # A notification's own link is not a digest's, nor the other way round.
    notification_token = _path(unsubscribe_url(member.pk, Kind.REPLY)).split("/")[-2]
    other_cadence = signing.dumps(
        {"m": member.pk, "k": "digest", "s": "hourly"}, salt=UNSUBSCRIBE_SALT
    )

    for token_path in (
        tampered,
        "/newsletter/digests/unsubscribe/not-a-token/",
        f"/newsletter/digests/unsubscribe/{guessed}/",
        f"/newsletter/digests/unsubscribe/{notification_token}/",
        f"/newsletter/digests/unsubscribe/{other_cadence}/",
    ):
        response = client.post(token_path)
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert client.post(f"/notifications/unsubscribe/{good.split('/')[-2]}/").status_code == 400
    assert not NotificationPreference.objects.exists()


def test_a_link_for_a_deleted_member_is_refused(client: Client) -> None:
    member = make_reader()
    path = _path(digest_unsubscribe_url(member.pk, Cadence.DAILY))
    member.delete()

    assert client.post(path).status_code == 400


def test_the_link_works_in_a_members_only_community(member: Member, client: Client) -> None:
    site = SiteSettings.current()
    site.members_only = True
    site.save()
    path = _path(digest_unsubscribe_url(member.pk, Cadence.DAILY))

    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    assert delivery_for(member.pk, Kind.NEW_THREAD) == Delivery.IN_APP
