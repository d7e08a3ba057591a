"""Unread tracking: how far each member has read, "new" marks, and the jump to unread."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Post, ReadState, Thread
from tests.factories import add_post
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


def fill(thread: Thread, count: int) -> None:
    while Post.objects.filter(thread=thread).count() < count:
        add_post(thread=thread)


def mark(member: Member, thread: Thread) -> int | None:
    state = ReadState.objects.filter(member=member, thread=thread).first()
    return state.last_read_position if state else None


def test_reading_a_page_marks_the_highest_position_on_it(
    member_client: Client, member: Member, thread: Thread
) -> None:
    fill(thread, 25)

    member_client.get(f"/forums/t/{thread.pk}/")
    assert mark(member, thread) == 20
    member_client.get(f"/forums/t/{thread.pk}/?page=2")
    assert mark(member, thread) == 25
    member_client.get(f"/forums/t/{thread.pk}/")
    assert mark(member, thread) == 25


def test_rereading_a_page_writes_nothing(member_client: Client, thread: Thread) -> None:
    member_client.get(f"/forums/t/{thread.pk}/")

    with CaptureQueriesContext(connection) as queries:
        member_client.get(f"/forums/t/{thread.pk}/")

    assert not [q for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]


def test_visitors_leave_no_read_state(client: Client, thread: Thread) -> None:
    client.get(f"/forums/t/{thread.pk}/")

    assert not ReadState.objects.exists()


def test_the_thread_list_marks_new_and_unread_threads(
    member_client: Client, thread: Thread, forum: Forum
) -> None:
    never_opened = page_text(member_client.get("/forums/general/"))
    member_client.get(f"/forums/t/{thread.pk}/")
    all_read = page_text(member_client.get("/forums/general/"))
    add_post(thread=thread)
    add_post(thread=thread)
    two_new = page_text(member_client.get("/forums/general/"))

    assert ">New</span>" in never_opened
    assert ">New</span>" not in all_read
    assert "unread" not in all_read
    assert f'href="/forums/t/{thread.pk}/unread/">2 unread</a>' in two_new


def test_new_posts_are_marked_on_the_thread_page(member_client: Client, thread: Thread) -> None:
    member_client.get(f"/forums/t/{thread.pk}/")
    add_post(thread=thread, body="Fresh reply")

    body = page_text(member_client.get(f"/forums/t/{thread.pk}/"))

    assert body.count('class="badge badge-new"') == 1
    assert "Jump to the first unread post" in body


def test_jump_to_first_unread_lands_on_its_page(
    member_client: Client, member: Member, thread: Thread
) -> None:
    fill(thread, 20)
    member_client.get(f"/forums/t/{thread.pk}/")
    fill(thread, 24)
    first_unread = Post.objects.get(thread=thread, position=21)

    response = member_client.get(f"/forums/t/{thread.pk}/unread/")

    assert response["Location"] == f"/forums/t/{thread.pk}/?page=2#post-{first_unread.pk}"


def test_jump_to_unread_goes_to_the_last_post_when_all_is_read(
    member_client: Client, thread: Thread
) -> None:
    member_client.get(f"/forums/t/{thread.pk}/")
    first = Post.objects.get(thread=thread, position=1)

    response = member_client.get(f"/forums/t/{thread.pk}/unread/")

    assert response["Location"] == f"/forums/t/{thread.pk}/#post-{first.pk}"


def test_a_thread_never_opened_jumps_to_its_first_post(
    member_client: Client, thread: Thread
) -> None:
    first = Post.objects.get(thread=thread, position=1)

    response = member_client.get(f"/forums/t/{thread.pk}/unread/")

    assert response["Location"] == f"/forums/t/{thread.pk}/#post-{first.pk}"
