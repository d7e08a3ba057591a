"""The dialogue page: concept note, discussion, events, experts, materials, summary."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue
from tests.dialogues.factories import make_dialogue
from tests.dialogues.pages import dialogue_url, fill, open_dialogue
from tests.events.factories import make_event
from tests.factories import make_thread

pytestmark = pytest.mark.django_db


def test_the_page_shows_everything_a_dialogue_holds(client: Client, facilitator: Member) -> None:
    dialogue = open_dialogue()
    Dialogue.objects.filter(pk=dialogue.pk).update(
        concept_note_html="<p>Why change matters.</p>",
        key_questions=["What changes?", "How do we know?"],
        languages=["en", "es"],
    )
    dialogue.facilitators.add(facilitator)
    fill(dialogue, 2)

    page = client.get(dialogue_url(dialogue)).content.decode()

    assert "10th Virtual Dialogue" in page
    assert "Open now" in page
    assert "Why change matters." in page
    assert "<li>How do we know?</li>" in page
    assert "Thread 1" in page
    assert f'href="/forums/{dialogue.forum.slug}/"' in page
    assert "Webinar 0" in page
    assert "Expert 1" in page
    assert "Recording 0" in page
    assert "Watch the recording" in page
    assert "English, Spanish" in page
    assert "Ruya Leghari" in page
    assert "Facilitator tools" not in page


def test_event_times_are_shown_in_the_viewers_zone_and_the_organisers(
    client: Client, member: Member
) -> None:
    dialogue = open_dialogue()
    start = (timezone.now() + timedelta(days=5)).replace(hour=13, minute=0, second=0, microsecond=0)
    dialogue.events.add(make_event(title="Webinar", starts_at=start, time_zone="Europe/Paris"))
    member.time_zone = "America/Santo_Domingo"
    member.save()
    client.force_login(member)

    page = client.get(dialogue_url(dialogue)).content.decode()

    assert "Santo Domingo" in page
    assert "Paris" in page


def test_a_wrong_slug_redirects_to_the_right_address(client: Client) -> None:
    dialogue = open_dialogue()

    wrong = client.get(f"/dialogues/{dialogue.number}/old-title/")
    short = client.get(f"/dialogues/{dialogue.number}/")
    missing = client.get("/dialogues/99/anything/")

    assert wrong.status_code == 301
    assert wrong["Location"] == dialogue_url(dialogue)
    assert short["Location"] == dialogue_url(dialogue)
    assert missing.status_code == 404


def test_facilitators_see_their_tools(facilitator_client: Client) -> None:
    dialogue = open_dialogue()

    page = facilitator_client.get(dialogue_url(dialogue)).content.decode()

    for url in ("edit/", "webinars/new/", "materials/", "summary/", "proceedings/"):
        assert f'href="/dialogues/{dialogue.number}/{url}"' in page
    assert f'href="/dialogues/{dialogue.number}/proceedings.pdf"' in page


@pytest.mark.parametrize("rows", [2, 10])
def test_the_query_count_does_not_grow_with_rows(
    rows: int, member: Member, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    dialogue = open_dialogue()
    fill(dialogue, rows)
    client = Client()
    client.force_login(member)
    client.get(dialogue_url(dialogue))  # warm the site settings cache

    with django_assert_num_queries(11):
        response = client.get(dialogue_url(dialogue))

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [2, 10])
def test_a_closed_dialogue_with_statistics_keeps_a_fixed_query_count(
    rows: int, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    today = timezone.localdate()
    dialogue = make_dialogue(
        opens_on=today - timedelta(days=40), closes_on=today - timedelta(days=20)
    )
    fill(dialogue, rows)
    client.get("/")  # warm the site settings cache

    with django_assert_num_queries(15):  # the statistics are counted on a cold cache
        client.get(dialogue_url(dialogue))
    with django_assert_num_queries(9):  # and then read from it
        client.get(dialogue_url(dialogue))


def test_hidden_threads_stay_out_of_the_discussion_list(client: Client) -> None:
    dialogue = open_dialogue()
    make_thread(forum=dialogue.forum, title="Hidden spam thread", is_hidden=True)

    assert "Hidden spam thread" not in client.get(dialogue_url(dialogue)).content.decode()
