"""The preferences page: kinds by deliveries, forum overrides, digest and mail settings."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.notifications.forms import kind_field_name
from tertulia.notifications.models import Delivery, Kind, MailSettings, NotificationPreference
from tertulia.notifications.services import set_preference
from tertulia.notifications.services.preferences import DEFAULT_DELIVERY, delivery_for

pytestmark = pytest.mark.django_db


def _form_data(**changes: str) -> dict[str, str]:
    data = {kind_field_name(kind): delivery for kind, delivery in DEFAULT_DELIVERY.items()}
    data.update(digest_format="full", digest_hour="7")
    data.update(changes)
    return data


def test_the_table_has_a_labelled_radio_for_every_kind_and_delivery(member_client: Client) -> None:
    body = member_client.get("/notifications/preferences/").content.decode()

    assert '<th scope="row" id="kind_mention-label">Someone mentions me' in body
    assert 'id="kind_mention-email" checked' in body
    assert '<label for="kind_reaction-in_app"><span class="visually-hidden">' in body
    assert body.count('type="radio"') == len(Kind) * len(Delivery) + 2  # + digest format


def test_saving_changes_deliveries_and_mail_settings(member_client: Client, member: Member) -> None:
    response = member_client.post(
        "/notifications/preferences/",
        _form_data(
            kind_reaction="email",
            digest_format="subjects",
            digest_hour="18",
            newsletter_opt_out="on",
        ),
    )

    assert response.status_code == 302
    assert delivery_for(member.pk, Kind.REACTION) == Delivery.EMAIL
    settings_row = MailSettings.objects.get(member=member)
    assert settings_row.digest_format == "subjects"
    assert settings_row.digest_hour == 18
    assert settings_row.newsletter_opt_out
    assert not settings_row.mailing_list_mode


def test_bad_input_is_shown_at_the_field_and_saves_nothing(
    member_client: Client, member: Member
) -> None:
    response = member_client.post(
        "/notifications/preferences/", _form_data(kind_reaction="loudly", digest_hour="25")
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="kind_reaction-error"' in body
    assert 'aria-describedby="kind_reaction-error"' in body
    assert 'id="digest-hour-error"' in body
    assert not NotificationPreference.objects.exists()
    assert not MailSettings.objects.exists()


def test_forum_overrides_are_listed_and_can_be_removed(
    member_client: Client, member: Member
) -> None:
    set_preference(member, Kind.NEW_THREAD, Delivery.EMAIL, scope="forum:3", scope_label="Café")

    body = member_client.get("/notifications/preferences/").content.decode()
    assert "Café — A new thread in a forum I follow: Email at once" in body

    member_client.post(
        "/notifications/preferences/clear/", {"kind": "new_thread", "scope": "forum:3"}
    )
    assert not NotificationPreference.objects.filter(scope="forum:3").exists()


@pytest.mark.parametrize("overrides", [1, 8])
def test_the_page_query_count_does_not_grow(
    member_client: Client,
    member: Member,
    overrides: int,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for number in range(overrides):
        set_preference(member, Kind.REPLY, Delivery.OFF, scope=f"forum:{number}")
    member_client.get("/")
    # session, member, preferences, mail settings
    with django_assert_num_queries(4):
        member_client.get("/notifications/preferences/")
