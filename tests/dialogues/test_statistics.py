"""A dialogue's statistics, counted from posts and attendance made through the services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue
from tertulia.dialogues.services.webinars import add_dialogue_event
from tertulia.dialogues.stats import compute_statistics, dialogue_statistics
from tertulia.events.models import Event, EventKind
from tertulia.events.services.events import cancel_event
from tertulia.events.services.registration import mark_attendance, register_for_event
from tertulia.forums.models import Post
from tertulia.forums.services.moderation_posts import hide_post
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.threads import start_thread
from tests.dialogues.factories import create
from tests.dialogues.test_dialogue_window_posting import AFTER, FIRST_MINUTE
from tests.factories import make_forum, make_member, make_thread

pytestmark = pytest.mark.django_db

DURING = FIRST_MINUTE + timedelta(days=2)
WEBINAR_OVER = datetime(2030, 5, 3, 15, 0, tzinfo=UTC)  # the English webinar has ended


def webinar(title: str, language: str, day: int) -> dict[str, object]:
    return {
        "title": title,
        "kind": EventKind.WEBINAR,
        "language": language,
        "time_zone": "Europe/Madrid",
        "starts_local": datetime(2030, 5, day, 15, 0),
        "ends_local": datetime(2030, 5, day, 16, 0),
    }


@pytest.fixture
def people(db: None) -> dict[str, Member]:
    return {
        "ana": make_member(display_name="Ana", country="BR", languages=["pt", "es"]),
        "chiamaka": make_member(display_name="Chiamaka", country="NG", languages=["en", "ig"]),
        "emilie": make_member(display_name="Émilie", country="CA", languages=["fr", "en"]),
        "hidden": make_member(display_name="Hidden", country="FR", languages=["fr"]),
        "attendee": make_member(display_name="Wanjiru", country="KE", languages=["en", "sw"]),
        "absent": make_member(display_name="Misaki", country="JP", languages=["ja"]),
        "registered": make_member(display_name="Rosa", country="PE", languages=["es", "qu"]),
        "cancelled": make_member(display_name="Litia", country="FJ", languages=["en"]),
        "elsewhere": make_member(display_name="Elsewhere", country="SE", languages=["sv"]),
    }


@pytest.fixture
def dialogue(facilitator: Member, people: dict[str, Member]) -> Dialogue:
    """The 10th dialogue after it closed, with its discussion and three events."""
    dialogue = create(facilitator)
    with time_machine.travel(DURING, tick=False):
        thread = start_thread(people["ana"], dialogue.forum, title="Change", body="Change is slow.")
        post_reply(people["chiamaka"], thread, body="In Enugu we measure it after six months.")
        post_reply(people["emilie"], thread, body="À Montréal aussi, avec trois questions.")
        post_reply(people["emilie"], thread, body="J'ajoute : les questions sont ouvertes.")
        spam = post_reply(people["hidden"], thread, body="Buy cheap things here, now, today.")
        hide_post(facilitator, spam, reason="Spam")
        other = make_thread(forum=make_forum(title="General"), author=people["elsewhere"])
        post_reply(people["elsewhere"], other, body="Not in the dialogue.")

        english = add_dialogue_event(facilitator, dialogue, **webinar("Webinar", "en", 3))
        spanish = add_dialogue_event(facilitator, dialogue, **webinar("Webinario", "es", 8))
        dropped = add_dialogue_event(facilitator, dialogue, **webinar("Dropped", "en", 10))
        for name in ("attendee", "absent", "chiamaka"):
            register_for_event(people[name], english, notify=False)
        register_for_event(people["registered"], spanish, notify=False)
        register_for_event(people["cancelled"], dropped, notify=False)
        cancel_event(facilitator, dropped)
    with time_machine.travel(WEBINAR_OVER, tick=False):
        mark_attendance(facilitator, english, {people["attendee"].pk, people["chiamaka"].pk})
    return Dialogue.objects.select_related("forum").get(pk=dialogue.pk)


def test_participants_are_posters_and_attendees_counted_once(dialogue: Dialogue) -> None:
    stats = compute_statistics(dialogue)

    # Posters: Ana, Chiamaka, Émilie. Attendees: Wanjiru and Chiamaka (marked), Rosa
    # (registered where attendance was never taken). Misaki was absent; Litia's event was
    # cancelled; the hidden post and the post in another forum do not count.
    assert (stats.posters, stats.attendees, stats.participants) == (3, 3, 5)
    assert stats.attendance_from_registrations is True


def test_posts_threads_countries_and_languages_come_from_the_data(dialogue: Dialogue) -> None:
    stats = compute_statistics(dialogue)

    assert (
        stats.posts
        == Post.objects.filter(thread__forum=dialogue.forum, is_hidden=False).count()
        == 4
    )
    assert stats.threads == 1
    assert stats.countries == ("BR", "CA", "KE", "NG", "PE")
    assert dict(stats.languages) == {"en": 3, "es": 2, "fr": 1, "ig": 1, "pt": 1, "qu": 1, "sw": 1}
    assert stats.languages[0] == ("en", 3)


def test_once_attendance_is_marked_everywhere_registrations_no_longer_count(
    dialogue: Dialogue, facilitator: Member, people: dict[str, Member]
) -> None:
    spanish = Event.objects.get(title="Webinario")
    with time_machine.travel(AFTER, tick=False):
        mark_attendance(facilitator, spanish, set())

    stats = compute_statistics(dialogue)

    assert (stats.attendees, stats.participants) == (2, 4)
    assert stats.attendance_from_registrations is False


def test_the_count_takes_a_fixed_number_of_queries(
    dialogue: Dialogue, people: dict[str, Member], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(6):
        compute_statistics(dialogue)
    thread = dialogue.forum.threads.get()
    with time_machine.travel(DURING, tick=False):
        for index in range(5):
            extra = make_member(country="AR", languages=["es"])
            post_reply(extra, thread, body=f"Another view, number {index}, from Buenos Aires.")
    with django_assert_num_queries(6):
        compute_statistics(dialogue)


def test_cached_statistics_follow_a_new_post(dialogue: Dialogue, facilitator: Member) -> None:
    events = list(dialogue.events.all())
    first = dialogue_statistics(dialogue, events)
    with time_machine.travel(AFTER, tick=False):
        # Facilitators may still post after the window: the count must follow.
        post_reply(facilitator, dialogue.forum.threads.get(), body="Thank you all for this.")
    fresh = Dialogue.objects.select_related("forum").get(pk=dialogue.pk)

    second = dialogue_statistics(fresh, events)

    assert second.posts == first.posts + 1
    assert second.participants == first.participants + 1


def test_the_closed_dialogue_page_shows_the_numbers(dialogue: Dialogue) -> None:
    with time_machine.travel(AFTER, tick=False):
        page = Client().get(f"/dialogues/{dialogue.number}/{dialogue.slug}/").content.decode()

    assert "<strong>5</strong> participants" in page
    assert "<strong>4</strong> posts" in page
    assert "<strong>5</strong> countries" in page
    assert "Kenya" in page
    assert "registered members are counted" in page


def test_an_open_dialogue_shows_no_numbers_yet(dialogue: Dialogue) -> None:
    with time_machine.travel(DURING, tick=False):
        page = Client().get(f"/dialogues/{dialogue.number}/{dialogue.slug}/").content.decode()

    assert "The dialogue in numbers" not in page
