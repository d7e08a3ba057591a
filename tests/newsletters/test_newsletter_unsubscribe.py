"""The newsletter's one-click opt-out link, opened by a person or posted by a provider."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.newsletters.mail import unsubscribe_url
from tertulia.notifications.models import MailSettings
from tertulia.notifications.tokens import make_unsubscribe_token as notification_token

pytestmark = pytest.mark.django_db


def path_of(member: Member) -> str:
    return unsubscribe_url(member.pk).removeprefix("http://127.0.0.1:8000")


def opted_out(member: Member) -> bool:
    return MailSettings.objects.filter(member=member, newsletter_opt_out=True).exists()


def test_opening_the_link_only_asks(client: Client, member: Member) -> None:
    response = client.get(path_of(member))

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert not opted_out(member)


def test_confirming_turns_the_newsletter_off_and_keeps_other_settings(
    client: Client, member: Member
) -> None:
    MailSettings.objects.create(member=member, digest_hour=18)

    response = client.post(path_of(member))

    assert response.status_code == 200
    assert "You will no longer receive the newsletter." in response.content.decode()
    settings_row = MailSettings.objects.get(member=member)
    assert settings_row.newsletter_opt_out is True
    assert settings_row.digest_hour == 18
    assert client.post(path_of(member)).status_code == 200  # twice is harmless


@pytest.mark.parametrize("token", ["nonsense", "eyJtIjoxfQ:1xVM6n:forged"])
def test_a_forged_link_changes_nothing(client: Client, member: Member, token: str) -> None:
    response = client.post(f"/newsletter/unsubscribe/{token}/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not opted_out(member)


def test_a_notification_token_is_no_newsletter_token(client: Client, member: Member) -> None:
    token = notification_token(member.pk, "reply")

    assert client.post(f"/newsletter/unsubscribe/{token}/").status_code == 400
    assert not opted_out(member)


def test_the_link_of_a_deleted_member_says_it_does_not_work(client: Client) -> None:
    response = client.post(f"/newsletter/unsubscribe/{notification_token(999_999, 'newsletter')}/")

    assert response.status_code == 400


def test_the_link_is_the_notifications_token_with_the_newsletter_kind(
    client: Client, member: Member
) -> None:
    token = notification_token(member.pk, "newsletter")

    assert client.post(f"/newsletter/unsubscribe/{token}/").status_code == 200
    assert opted_out(member)


def test_a_digest_token_is_no_newsletter_token(client: Client, member: Member) -> None:
    token = notification_token(member.pk, "digest", "daily")

    response = client.post(f"/newsletter/unsubscribe/{token}/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not opted_out(member)


def test_the_notifications_page_refuses_a_newsletter_token(client: Client, member: Member) -> None:
    token = notification_token(member.pk, "newsletter")

    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 400
    assert not opted_out(member)
