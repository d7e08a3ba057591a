"""Authors deleting their own posts while nobody has posted after them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Post, Thread
from tertulia.forums.services.posts import DELETED_BY_AUTHOR, delete_own_post
from tests.factories import add_post, make_thread
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_post(member: Member, thread: Thread) -> Post:
    return add_post(thread=thread, author=member, body="Posted by mistake")


def test_the_author_deletes_the_last_post_and_the_counters_follow(
    member_client: Client, member: Member, forum: Forum, thread: Thread, own_post: Post
) -> None:
    first = Post.objects.get(thread=thread, position=1)

    response = member_client.post(f"/forums/p/{own_post.pk}/delete/", {"confirm": "1"})

    assert response.status_code == 302
    own_post.refresh_from_db()
    assert own_post.is_hidden
    assert own_post.hidden_reason == DELETED_BY_AUTHOR
    assert own_post.hidden_by == member
    thread.refresh_from_db()
    forum.refresh_from_db()
    assert (thread.reply_count, thread.last_post_id) == (0, first.pk)
    assert thread.last_activity_at == first.created_at
    assert (forum.post_count, forum.last_post_id) == (1, first.pk)


def test_a_deleted_post_shows_as_a_placeholder(
    client: Client, facilitator_client: Client, member: Member, own_post: Post
) -> None:
    delete_own_post(member, own_post)

    public = page_text(client.get(f"/forums/t/{own_post.thread_id}/"))
    assert "This post was deleted by its author." in public
    assert "Posted by mistake" not in public
    for_facilitators = page_text(facilitator_client.get(f"/forums/t/{own_post.thread_id}/"))
    assert "Reason: deleted by author" in for_facilitators
    assert "Posted by mistake" in for_facilitators


def test_the_button_asks_for_confirmation_first(member_client: Client, own_post: Post) -> None:
    asked = member_client.post(f"/forums/p/{own_post.pk}/delete/")
    shown = member_client.get(f"/forums/p/{own_post.pk}/delete/")

    assert asked.status_code == shown.status_code == 200
    assert "Delete your post?" in page_text(asked)
    own_post.refresh_from_db()
    assert not own_post.is_hidden


def test_the_delete_button_shows_only_on_ones_own_last_post(
    member_client: Client, own_post: Post
) -> None:
    body = page_text(member_client.get(f"/forums/t/{own_post.thread_id}/"))

    assert f'action="/forums/p/{own_post.pk}/delete/"' in body
    first = Post.objects.get(thread=own_post.thread, position=1)
    assert f'action="/forums/p/{first.pk}/delete/"' not in body


def test_a_post_with_a_later_reply_cannot_be_deleted(
    member_client: Client, thread: Thread, own_post: Post
) -> None:
    add_post(thread=thread, body="An answer")

    response = member_client.post(f"/forums/p/{own_post.pk}/delete/", {"confirm": "1"})

    assert response.status_code == 403
    assert "Someone has posted after this" in page_text(response)
    own_post.refresh_from_db()
    assert not own_post.is_hidden


def test_a_later_hidden_post_does_not_count_as_a_reply(
    member: Member, thread: Thread, own_post: Post
) -> None:
    add_post(thread=thread, body="Spam", is_hidden=True)

    delete_own_post(member, own_post)

    own_post.refresh_from_db()
    assert own_post.is_hidden


def test_members_cannot_delete_someone_elses_post(member_client: Client, thread: Thread) -> None:
    theirs = Post.objects.get(thread=thread, position=1)

    response = member_client.post(f"/forums/p/{theirs.pk}/delete/", {"confirm": "1"})

    assert response.status_code == 403
    assert "You can only delete your own posts." in page_text(response)
    theirs.refresh_from_db()
    assert not theirs.is_hidden


def test_deleting_a_lone_first_post_removes_the_thread(member: Member, forum: Forum) -> None:
    thread = make_thread(forum=forum, author=member, title="Oops")
    client = client_for(member)
    first = Post.objects.get(thread=thread)

    response = client.post(f"/forums/p/{first.pk}/delete/", {"confirm": "1"})

    assert response["Location"] == "/forums/general/"
    thread.refresh_from_db()
    forum.refresh_from_db()
    assert thread.is_hidden
    assert (forum.thread_count, forum.post_count, forum.last_post_id) == (0, 0, None)
    assert client.get(f"/forums/t/{thread.pk}/").status_code == 403
    assert "Oops" not in page_text(client.get("/forums/general/"))


def test_deleting_twice_is_refused(member: Member, own_post: Post) -> None:
    delete_own_post(member, own_post)

    with pytest.raises(PermissionDenied, match="already deleted"):
        delete_own_post(member, own_post)
