"""The newsletter opt-out on the sign-up form."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.newsletters.delivery import recipients
from tertulia.newsletters.services import subscriptions
from tertulia.notifications.models import MailSettings

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "email": "amina@example.org",
    "display_name": "Amina Diallo",
    "password1": "river-lantern-quietly-93",
    "password2": "river-lantern-quietly-93",
}


def test_the_sign_up_form_offers_the_opt_out(client: Client) -> None:
    page = client.get("/accounts/signup/").content.decode()

    assert 'type="checkbox" name="newsletter_opt_out"' in page
    assert "Do not send me the community newsletter" in page
    assert 'aria-describedby="id_newsletter_opt_out_helptext"' in page


def test_ticking_it_keeps_the_new_member_out_of_the_newsletter(client: Client) -> None:
    response = client.post("/accounts/signup/", {**SIGN_UP, "newsletter_opt_out": "on"})

    assert response.status_code == 302
    member = Member.objects.get(email="amina@example.org")
    assert MailSettings.objects.get(member=member).newsletter_opt_out is True
    assert not recipients().filter(pk=member.pk).exists()


def test_leaving_it_unticked_subscribes_the_new_member(client: Client) -> None:
    response = client.post("/accounts/signup/", SIGN_UP)

    assert response.status_code == 302
    member = Member.objects.get(email="amina@example.org")
    assert not MailSettings.objects.filter(member=member, newsletter_opt_out=True).exists()
    assert recipients().filter(pk=member.pk).exists()


def test_the_preferences_page_shows_the_choice_made_at_sign_up(client: Client) -> None:
    client.post("/accounts/signup/", {**SIGN_UP, "newsletter_opt_out": "on"})
    member = Member.objects.get(email="amina@example.org")
    client.force_login(member)

    page = client.get("/notifications/preferences/").content.decode()

    assert 'name="newsletter_opt_out" id="id_newsletter_opt_out" checked' in page


def test_a_failure_keeping_the_choice_saves_no_member(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(member_id: int, opted_out: bool) -> bool:
        raise OperationalError("database is locked")

    monkeypatch.setattr(subscriptions, "set_newsletter_opt_out", fail)
    client = Client(raise_request_exception=False)

    response = client.post("/accounts/signup/", {**SIGN_UP, "newsletter_opt_out": "on"})

    assert response.status_code == 500
    assert not Member.objects.filter(email="amina@example.org").exists()
