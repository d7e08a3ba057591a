"""Posting limits per member per hour, and one post per form however often it is sent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import Draft, Forum, Post, Thread
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.threads import start_thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(settings: Any) -> None:
    settings.FORUM_THREADS_PER_HOUR = 2
    settings.FORUM_POSTS_PER_HOUR = 3


@pytest.mark.usefixtures("low_limits")
def test_a_member_may_start_only_so_many_threads_an_hour(
    member_client: Client, member: Member, forum: Forum
) -> None:
    start_thread(member, forum, title="One", body="First")
    start_thread(member, forum, title="Two", body="Second")

    response = member_client.post("/forums/general/new/", {"title": "Three", "body": "Third"})

    assert "You have started 2 threads in the last hour" in page_text(response)
    assert Thread.objects.count() == 2


@pytest.mark.usefixtures("low_limits")
def test_a_member_may_post_only_so_many_times_an_hour(
    member_client: Client, member: Member, thread: Thread
) -> None:
    for number in range(3):
        post_reply(member, thread, body=f"Reply {number}")

    response = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "One more"})

    assert "You have posted 3 times in the last hour" in page_text(response)
    assert Post.objects.filter(author=member).count() == 3
    assert Draft.objects.get(member=member).body == "One more"


@pytest.mark.usefixtures("low_limits")
def test_the_limit_resets_after_an_hour(member: Member, thread: Thread) -> None:
    for number in range(3):
        post_reply(member, thread, body=f"Reply {number}")
    with pytest.raises(ValidationError):
        post_reply(member, thread, body="Too soon")

    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=1)):
        post = post_reply(member, thread, body="An hour later")

    assert post.position == 5


@pytest.mark.usefixtures("low_limits")
def test_facilitators_have_no_limit(facilitator: Member, forum: Forum) -> None:
    for number in range(4):
        start_thread(facilitator, forum, title=f"Notice {number}", body="Read me")

    assert Thread.objects.count() == 4


@pytest.mark.usefixtures("low_limits")
def test_a_resent_form_is_not_counted_twice(member: Member, thread: Thread) -> None:
    for _ in range(5):
        post_reply(member, thread, body="Same form", submission_key="k1")

    assert Post.objects.filter(author=member).count() == 1
