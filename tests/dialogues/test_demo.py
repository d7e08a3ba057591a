"""The demo dialogues and events: what `tertulia demo-data` shows of dialogues and series."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tertulia.dialogues.models import Dialogue, DialogueStatus, MaterialKind
from tertulia.dialogues.stats import compute_statistics
from tertulia.events.models import Event, EventKind, EventSeries
from tertulia.forums.models import Post, Thread

pytestmark = pytest.mark.django_db


def run_demo_data() -> str:
    out = StringIO()
    call_command("demo_data", force=True, stdout=out)
    return out.getvalue()


def dialogues_by_status() -> dict[str, Dialogue]:
    now = timezone.now()
    return {str(d.status(now)): d for d in Dialogue.objects.select_related("forum")}


def test_the_demo_has_a_past_an_open_and_an_announced_dialogue(client: Client) -> None:
    output = run_demo_data()

    found = dialogues_by_status()
    assert set(found) == {DialogueStatus.CLOSED, DialogueStatus.OPEN, DialogueStatus.ANNOUNCED}
    assert "3 demo dialogues, 3 new." in output
    for dialogue in found.values():
        response = client.get(f"/dialogues/{dialogue.number}/{dialogue.slug}/")
        assert response.status_code == 200
        assert dialogue.concept_note_html
        assert dialogue.key_questions


def test_the_past_dialogue_has_its_summary_recording_and_statistics(client: Client) -> None:
    run_demo_data()

    past = dialogues_by_status()[DialogueStatus.CLOSED]
    stats = compute_statistics(past)
    webinar = past.events.get()
    page = client.get(f"/dialogues/{past.number}/{past.slug}/").content.decode()

    assert past.summary_published_at is not None
    assert past.materials.filter(kind=MaterialKind.RECORDING).exists()
    assert webinar.recording_url
    assert webinar.ends_at < past.closes_at
    assert webinar.starts_at > past.opens_at
    # Counted from the demo's posts and attendance: 10 posters, 7 attendees.
    assert stats.posts == Post.objects.filter(thread__forum=past.forum).count() == 10
    assert stats.threads == 3
    assert stats.attendees == webinar.registrations.filter(attended=True).count() == 7
    assert stats.participants > stats.posters
    assert stats.country_count >= 8
    assert "The dialogue in numbers" in page
    assert "Watch the recording" in page
    # Every post lies inside the dialogue's days.
    for post in Post.objects.filter(thread__forum=past.forum):
        assert past.opens_at <= post.created_at < past.closes_at


def test_the_open_dialogue_has_a_discussion_in_three_languages() -> None:
    run_demo_data()

    current = dialogues_by_status()[DialogueStatus.OPEN]
    threads = Thread.objects.filter(forum=current.forum)
    assert set(threads.values_list("language", flat=True)) == {"en", "es", "fr"}
    assert all(thread.reply_count >= 1 for thread in threads)
    assert not Post.objects.filter(thread__forum=current.forum, created_at__gt=timezone.now())
    assert set(current.events.values_list("language", flat=True)) == {"en", "es"}
    assert all(event.registered_count > 0 for event in current.events.all())


def test_the_demo_has_the_interview_series_and_the_bilingual_lecture_series() -> None:
    run_demo_data()

    interviews = EventSeries.objects.get(kind=EventKind.INTERVIEW)
    lectures = EventSeries.objects.get(kind=EventKind.LECTURE)
    assert interviews.events.count() >= 6
    assert set(lectures.languages) == {"en", "es"}
    assert set(Event.objects.filter(series=lectures).values_list("language", flat=True)) == {
        "en",
        "es",
    }


def test_the_home_page_shows_the_open_dialogue_and_the_next_events(client: Client) -> None:
    run_demo_data()

    page = client.get("/").content.decode()
    current = dialogues_by_status()[DialogueStatus.OPEN]
    assert current.title in page
    assert "Save the date" in page
    assert "Next events" in page


def test_loading_the_demo_twice_adds_no_dialogue_or_event() -> None:
    run_demo_data()
    counts = (Dialogue.objects.count(), Event.objects.count(), Post.objects.count())

    output = run_demo_data()

    assert (Dialogue.objects.count(), Event.objects.count(), Post.objects.count()) == counts
    assert "3 demo dialogues, 0 new." in output
