"""The audit log page: who did what, when and why, newest first."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import ModerationLog
from tertulia.forums.services.moderation_posts import hide_post
from tertulia.forums.services.moderation_restructure import merge_threads
from tertulia.forums.services.moderation_threads import lock_thread, pin_thread
from tests.factories import add_post, make_thread

pytestmark = pytest.mark.django_db

LOG = "/forums/moderation/log/"


def test_log_shows_who_what_when_why_newest_first(
    facilitator: Member, facilitator_client: Client
) -> None:
    assert reverse("moderation-log") == LOG
    thread = make_thread(title="Safe spaces in training")
    post = add_post(thread=thread)
    earlier = timezone.now() - timedelta(hours=2)
    lock_thread(facilitator, thread, reason="Cooling down")
    ModerationLog.objects.filter(action="lock_thread").update(created_at=earlier)
    hide_post(facilitator, post, reason="Insults")

    content = facilitator_client.get(LOG).content.decode()

    assert content.index("Hid a post") < content.index("Locked a thread")
    assert "Cooling down" in content
    assert "Insults" in content
    assert facilitator.display_name in content
    assert reverse("member-profile", kwargs={"member_id": facilitator.pk}) in content
    assert reverse("thread-detail", kwargs={"thread_id": thread.pk}) in content
    assert reverse("post-permalink", kwargs={"post_id": post.pk}) in content
    # Shown in the facilitator's own time zone.
    local = earlier.astimezone(ZoneInfo(facilitator.time_zone))
    assert f'datetime="{local.isoformat()[:19]}' in content


def test_merge_entry_links_to_the_thread_the_posts_went_to(
    facilitator: Member, facilitator_client: Client
) -> None:
    target = make_thread(title="Where it all goes")
    source = make_thread()

    merge_threads(facilitator, source, target_id=target.pk, reason="Same")

    content = facilitator_client.get(LOG).content.decode()
    assert "Merged two threads" in content
    target_url = reverse("thread-detail", kwargs={"thread_id": target.pk})
    assert f'<a href="{target_url}">Where it all goes</a>' in content


def test_members_and_visitors_cannot_read_the_log(member_client: Client) -> None:
    for client in (member_client, Client()):
        assert client.get(LOG).status_code == 403


def test_log_is_paginated_in_a_constant_number_of_queries(
    facilitator: Member, facilitator_client: Client
) -> None:
    def queries_with(entries: int) -> int:
        ModerationLog.objects.all().delete()
        for _ in range(entries // 5):
            thread = make_thread()
            for post in [add_post(thread=thread) for _ in range(3)]:
                hide_post(facilitator, post, reason="Spam")
            pin_thread(facilitator, thread)
            lock_thread(facilitator, thread)
        assert ModerationLog.objects.count() == entries
        facilitator_client.get(LOG)  # warm the site-settings cache
        with CaptureQueriesContext(connection) as context:
            response = facilitator_client.get(LOG)
        assert response.status_code == 200
        return len(context)

    assert queries_with(5) == queries_with(50) == 4  # session, member, count, page
    queries_with(55)
    second = facilitator_client.get(LOG, {"page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert second.count("<tr>") == 1 + 5  # the header row and the five oldest entries
