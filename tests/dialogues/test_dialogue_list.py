"""The dialogues page: open ones, announced ones, and the way to the archive."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tests.dialogues.factories import make_dialogue
from tests.dialogues.pages import fill, open_dialogue

pytestmark = pytest.mark.django_db


def announced(number: int, days_ahead: int) -> None:
    today = timezone.localdate()
    make_dialogue(
        number=number,
        title=f"Upcoming {number}",
        opens_on=today + timedelta(days=days_ahead),
        closes_on=today + timedelta(days=days_ahead + 20),
    )


def test_open_and_announced_dialogues_are_listed_in_their_sections(client: Client) -> None:
    current = open_dialogue(number=12)
    announced(13, days_ahead=30)
    announced(14, days_ahead=10)
    today = timezone.localdate()
    make_dialogue(
        number=11,
        title="Finished",
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=40),
    )

    page = client.get("/dialogues/").content.decode()

    open_part, rest = page.split('id="upcoming-heading"')
    upcoming_part, past_part = rest.split('id="past-heading"')
    assert current.title in open_part
    assert "12th Virtual Dialogue" in open_part
    assert upcoming_part.index("Upcoming 14") < upcoming_part.index("Upcoming 13")
    assert "Finished" in past_part
    assert "Finished" not in open_part + upcoming_part


def test_the_navigation_links_to_the_dialogues(client: Client) -> None:
    assert 'href="/dialogues/"' in client.get("/dialogues/").content.decode()


def test_facilitators_are_offered_to_announce_a_dialogue(
    client: Client, facilitator_client: Client
) -> None:
    assert 'href="/dialogues/new/"' in facilitator_client.get("/dialogues/").content.decode()
    assert 'href="/dialogues/new/"' not in client.get("/dialogues/").content.decode()


@pytest.mark.parametrize("count", [2, 8])
def test_the_query_count_does_not_grow_with_dialogues(
    count: int, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(count):
        fill(open_dialogue(number=100 + number), 2)
        announced(200 + number, days_ahead=10 + number)
    client.get("/")  # warm the site settings cache

    with django_assert_num_queries(3):
        response = client.get("/dialogues/")

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "12th Virtual Dialogue"),
        ("es", "12.º Diálogo Virtual"),
        ("fr", "12e dialogue virtuel"),
    ],
)
def test_the_ordinal_is_shown_in_the_members_language(
    member: Member, language: str, name: str
) -> None:
    open_dialogue(number=12)
    member.interface_language = language
    member.save()
    client = Client()
    client.force_login(member)

    assert name in client.get("/dialogues/").content.decode()
