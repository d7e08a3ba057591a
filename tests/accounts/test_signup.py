"""Sign-up by email, the verification mail, and signing in afterwards."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from tertulia.accounts.models import Member
from tests.factories import make_member

pytestmark = pytest.mark.django_db

GOOD = {
    "email": "amina@example.org",
    "display_name": "Amina Diallo",
    "password1": "river-lantern-quietly-93",
    "password2": "river-lantern-quietly-93",
    "time_zone": "Africa/Dakar",
}


def sign_up(client: Client, **changes: str) -> tuple[int, str]:
    response = client.post("/accounts/signup/", {**GOOD, **changes})
    return response.status_code, response.content.decode()


def confirmation_link(message: mail.EmailMessage) -> str:
    match = re.search(r"http://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_sign_up_sends_a_verification_mail_and_the_link_signs_the_member_in(client: Client) -> None:
    status, _body = sign_up(client)
    assert status == 302

    member = Member.objects.get(email="amina@example.org")
    assert member.display_name == "Amina Diallo"
    assert member.time_zone == "Africa/Dakar"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]

    # Not signed in before the address is confirmed.
    assert client.get("/account/profile/").status_code == 302

    link = confirmation_link(message)
    assert client.get(link).status_code == 200  # a page with a button, not a GET side effect
    response = client.post(link)
    assert response.status_code == 302
    assert client.get("/account/profile/").status_code == 200


def test_a_verified_member_signs_in_with_email_and_password(client: Client) -> None:
    make_member(email="lin@example.org", display_name="栄祥 林")
    response = client.post(
        "/accounts/login/",
        {"login": "LIN@example.org", "password": "a-long-test-passphrase-7"},
    )
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "栄祥 林" in page


def test_wrong_password_is_refused_with_a_message(client: Client) -> None:
    make_member(email="lin@example.org")
    response = client.post("/accounts/login/", {"login": "lin@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_the_display_name_is_kept_whole_in_any_script(client: Client) -> None:
    sign_up(client, display_name="  栄祥   林 ")
    assert Member.objects.get().display_name == "栄祥 林"


def test_without_javascript_the_time_zone_is_utc(client: Client) -> None:
    sign_up(client, time_zone="")
    assert Member.objects.get().time_zone == "UTC"


def test_a_forged_time_zone_falls_back_to_utc(client: Client) -> None:
    sign_up(client, time_zone="Mars/Olympus_Mons")
    assert Member.objects.get().time_zone == "UTC"


@pytest.mark.parametrize("email", ["amina@example.org", "AMINA@Example.ORG"])
def test_an_address_already_registered_in_any_case_is_refused(client: Client, email: str) -> None:
    make_member(email="amina@example.org")
    status, body = sign_up(client, email=email)
    assert status == 200
    assert "already registered" in body
    assert 'id="id_email_error"' in body
    assert Member.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"password1": "password", "password2": "password"}, "password1", "too common"),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1", "numeric"),
        ({"password2": "something-else-entirely-1"}, "password2", "same password"),
        ({"display_name": ""}, "display_name", "Enter the name"),
        ({"display_name": "    "}, "display_name", "Enter the name"),
        ({"display_name": "Amina\x07Diallo"}, "display_name", "control characters"),
        ({"display_name": "Amina \u202eollaiD"}, "display_name", "text-direction"),
        ({"display_name": "x" * 100_000}, "display_name", "at most 80 characters"),
    ],
)
def test_bad_sign_up_input_gets_a_message_at_the_field_and_saves_nothing(
    client: Client, changes: dict[str, str], field: str, message: str
) -> None:
    status, body = sign_up(client, **changes)
    assert status == 200
    assert f'id="id_{field}_error"' in body
    assert message in body
    # The message is tied to its field for screen readers.
    assert re.search(f'aria-describedby="[^"]*id_{field}_error', body)
    assert Member.objects.count() == 0
    assert mail.outbox == []
