"""Posting in a dialogue's forum: refused before it opens and after it closes.

The forums app's window does the refusing; these tests prove a dialogue's days reach
it, through the real posting services and through the pages, with the clock frozen.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue
from tertulia.forums.models import Post, Thread
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.threads import start_thread
from tests.dialogues.factories import create

pytestmark = pytest.mark.django_db

# The 10th dialogue runs 24 April to 14 May 2030 in Madrid: 23 April 22:00 UTC to
# 14 May 22:00 UTC.
BEFORE = datetime(2030, 4, 23, 21, 59, tzinfo=UTC)  # 23:59 on 23 April in Madrid
FIRST_MINUTE = datetime(2030, 4, 23, 22, 0, tzinfo=UTC)
LAST_MINUTE = datetime(2030, 5, 14, 21, 59, tzinfo=UTC)
AFTER = datetime(2030, 5, 14, 22, 0, tzinfo=UTC)  # 00:00 on 15 May in Madrid


def frozen(moment: datetime) -> time_machine.travel:
    return time_machine.travel(moment, tick=False)


def signed_in(member: Member) -> Client:
    """A browser signed in at the frozen time (a session from today expires by 2030)."""
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def dialogue(facilitator: Member) -> Dialogue:
    return create(facilitator)


@pytest.fixture
def welcome(dialogue: Dialogue, facilitator: Member) -> Thread:
    # Facilitators may post outside the window: they open the discussion beforehand.
    with frozen(BEFORE):
        return start_thread(
            facilitator, dialogue.forum, title="Welcome", body="Introduce yourselves."
        )


def test_before_the_first_day_members_cannot_start_threads_or_reply(
    dialogue: Dialogue, welcome: Thread, member: Member
) -> None:
    with frozen(BEFORE):
        with pytest.raises(PermissionDenied, match="opens for posting on"):
            start_thread(member, dialogue.forum, title="Early", body="Too early for this.")
        with pytest.raises(PermissionDenied, match="opens for posting on"):
            post_reply(member, welcome, body="Too early for this.")

    assert Post.objects.count() == 1


def test_from_the_first_minute_to_the_last_members_post(
    dialogue: Dialogue, welcome: Thread, member: Member
) -> None:
    with frozen(FIRST_MINUTE):
        thread = start_thread(member, dialogue.forum, title="Change", body="Change takes time.")
    with frozen(LAST_MINUTE):
        reply = post_reply(member, welcome, body="Hello from Brazzaville, just in time.")

    assert thread.pk
    assert reply.position == 2


def test_after_the_last_day_members_cannot_post(
    dialogue: Dialogue, welcome: Thread, member: Member
) -> None:
    with frozen(AFTER):
        with pytest.raises(PermissionDenied, match="closed to new posts"):
            post_reply(member, welcome, body="A late thought.")
        with pytest.raises(PermissionDenied, match="closed to new posts"):
            start_thread(member, dialogue.forum, title="Late", body="A late thread.")

    assert Post.objects.count() == 1


def test_the_pages_refuse_posting_outside_the_window_with_the_notice(
    dialogue: Dialogue, welcome: Thread, member: Member
) -> None:
    with frozen(BEFORE):
        member_client = signed_in(member)
        early = member_client.post(f"/forums/t/{welcome.pk}/reply/", {"body": "Too early."})
        page = member_client.get(f"/dialogues/{dialogue.number}/{dialogue.slug}/").content.decode()
    with frozen(AFTER):
        member_client = signed_in(member)
        late = member_client.post(
            f"/forums/{dialogue.forum.slug}/new/", {"title": "Late", "body": "A late thread."}
        )
        closed_page = member_client.get(
            f"/dialogues/{dialogue.number}/{dialogue.slug}/"
        ).content.decode()

    assert early.status_code == 403
    assert "opens for posting on" in early.content.decode()
    assert "opens for posting on" in page
    assert late.status_code == 403
    assert "closed to new posts" in late.content.decode()
    assert "closed to new posts" in closed_page
    assert Post.objects.count() == 1


def test_while_open_the_page_invites_members_to_start_a_thread(
    dialogue: Dialogue, member: Member
) -> None:
    with frozen(FIRST_MINUTE):
        member_client = signed_in(member)
        page = member_client.get(f"/dialogues/{dialogue.number}/{dialogue.slug}/").content.decode()
        response = member_client.post(
            f"/forums/{dialogue.forum.slug}/new/",
            {"title": "Measuring change", "body": "We use three questions after six months."},
        )

    assert f"/forums/{dialogue.forum.slug}/new/" in page
    assert response.status_code == 302
    assert Thread.objects.filter(forum=dialogue.forum, title="Measuring change").exists()
