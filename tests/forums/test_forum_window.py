"""Forum windows: readable all the time, open to posting only between opens_at and closes_at."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Post, Thread
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.threads import start_thread
from tests.factories import make_forum, make_thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db

OPENS = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
CLOSES = datetime(2030, 3, 21, 18, 0, tzinfo=UTC)


@pytest.fixture
def dialogue() -> Forum:
    return make_forum(title="Dialogue on care", slug="care", opens_at=OPENS, closes_at=CLOSES)


@pytest.fixture
def dialogue_thread(dialogue: Forum, facilitator: Member) -> Thread:
    return make_thread(forum=dialogue, author=facilitator, title="Concept note")


def at(moment: datetime) -> mock._patch[mock.MagicMock]:
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_before_the_window_the_forum_is_readable_but_closed_to_posting(
    member: Member, dialogue: Forum, dialogue_thread: Thread
) -> None:
    with at(OPENS - timedelta(days=2)):
        with pytest.raises(PermissionDenied, match="opens for posting on"):
            start_thread(member, dialogue, title="Early", body="Too early")
        with pytest.raises(PermissionDenied, match="opens for posting on"):
            post_reply(member, dialogue_thread, body="Too early")

    assert Post.objects.count() == 1


def test_the_pages_show_when_the_forum_opens(member_client: Client, facilitator: Member) -> None:
    opens = timezone.now() + timedelta(days=2)
    make_forum(title="Next dialogue", slug="next", opens_at=opens)
    thread = make_thread(forum=Forum.objects.get(slug="next"), author=facilitator)

    forum_page = page_text(member_client.get("/forums/next/"))
    thread_page = page_text(member_client.get(f"/forums/t/{thread.pk}/"))
    new_page = member_client.get("/forums/next/new/")

    assert "This forum opens for posting on" in forum_page
    assert "/next/new/" not in forum_page
    assert "This forum opens for posting on" in thread_page
    assert 'id="reply-form"' not in thread_page
    assert "The first post." in thread_page
    assert new_page.status_code == 403


def test_inside_the_window_members_post(
    member: Member, dialogue: Forum, dialogue_thread: Thread
) -> None:
    with at(OPENS + timedelta(days=1)):
        thread = start_thread(member, dialogue, title="A view", body="My view on care work")
        reply = post_reply(member, dialogue_thread, body="Thanks for the note")

    assert thread.pk
    assert reply.position == 2


def test_after_the_window_posting_is_refused_with_the_notice(
    member_client: Client, facilitator: Member
) -> None:
    now = timezone.now()
    past = make_forum(
        title="Past dialogue",
        slug="past",
        opens_at=now - timedelta(days=21),
        closes_at=now - timedelta(hours=1),
    )
    thread = make_thread(forum=past, author=facilitator)

    response = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Late thought"})
    forum_page = page_text(member_client.get("/forums/past/"))
    thread_page = page_text(member_client.get(f"/forums/t/{thread.pk}/"))

    assert "This forum is closed to new posts." in thread_page
    assert response.status_code == 403
    assert "This forum is closed to new posts." in page_text(response)
    assert "This forum is closed to new posts." in forum_page
    assert Post.objects.count() == 1


def test_the_window_closes_exactly_at_closes_at(member: Member, dialogue_thread: Thread) -> None:
    with at(CLOSES), pytest.raises(PermissionDenied):
        post_reply(member, dialogue_thread, body="On the dot")


def test_facilitators_post_outside_the_window(facilitator: Member, dialogue_thread: Thread) -> None:
    with at(CLOSES + timedelta(days=5)):
        post = post_reply(facilitator, dialogue_thread, body="Here is the summary")

    assert post.position == 2
