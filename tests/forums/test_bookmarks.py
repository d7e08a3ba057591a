"""Bookmarking posts, and the "My bookmarks" page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, Bookmark, Post
from tertulia.forums.services.bookmarks import bookmark_post, remove_bookmark
from tests.factories import add_post, make_forum, make_thread

pytestmark = pytest.mark.django_db


def test_bookmarking_twice_keeps_one_bookmark(member: Member) -> None:
    post = make_thread().posts.get()

    assert bookmark_post(member, post) is True
    assert bookmark_post(member, post) is False

    assert Bookmark.objects.filter(member=member, post=post).count() == 1
    assert remove_bookmark(member, post) is True
    assert remove_bookmark(member, post) is False
    assert not Bookmark.objects.exists()


def test_a_member_may_bookmark_their_own_post(member: Member) -> None:
    assert bookmark_post(member, make_thread(author=member).posts.get())


def test_a_post_one_may_not_read_cannot_be_bookmarked(member: Member) -> None:
    hidden = add_post(thread=make_thread(), is_hidden=True)
    closed = make_thread(forum=make_forum(title="F", read_access=Access.FACILITATORS))

    with pytest.raises(PermissionDenied):
        bookmark_post(member, hidden)
    with pytest.raises(PermissionDenied):
        bookmark_post(member, closed.posts.get())

    assert not Bookmark.objects.exists()


def test_the_bookmarks_page_lists_posts_with_thread_title_and_permalink(
    member: Member, member_client: Client
) -> None:
    thread = make_thread(title="Masculinidades y cuidado")
    reply = add_post(thread=thread, body="Un **gran** recurso sobre cuidados.")
    bookmark_post(member, reply)

    response = member_client.get("/forums/bookmarks/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>My bookmarks</h1>" in html
    assert f'<a href="/forums/p/{reply.pk}/">Masculinidades y cuidado</a>' in html
    assert "Un gran recurso sobre cuidados." in html
    assert f'action="/forums/p/{reply.pk}/unbookmark/"' in html


def test_a_bookmark_to_a_post_hidden_since_is_left_out(
    member: Member, member_client: Client
) -> None:
    post = make_thread(title="Kept").posts.get()
    bookmark_post(member, post)
    Post.objects.filter(pk=post.pk).update(is_hidden=True)

    assert "Kept" not in member_client.get("/forums/bookmarks/").content.decode()


def test_removing_from_the_bookmarks_page_goes_back_to_it(
    member: Member, member_client: Client
) -> None:
    post = make_thread().posts.get()
    bookmark_post(member, post)

    response = member_client.post(
        f"/forums/p/{post.pk}/unbookmark/", {"next": "/forums/bookmarks/?page=1"}
    )

    assert response["Location"] == "/forums/bookmarks/?page=1"
    assert not Bookmark.objects.exists()


def test_the_bookmarks_page_is_for_members(client: Client) -> None:
    response = client.get("/forums/bookmarks/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("count", [5, 50])
def test_the_bookmarks_page_takes_a_fixed_number_of_queries(
    member: Member, member_client: Client, django_assert_num_queries: Any, count: int
) -> None:
    for n in range(count):
        thread = make_thread(title=f"Thread {n}")
        bookmark_post(member, add_post(thread=thread))
    member_client.get("/forums/bookmarks/")  # warm the session and cached site settings

    # The session, the member, the count and one page of bookmarks with their posts.
    with django_assert_num_queries(4):
        response = member_client.get("/forums/bookmarks/")

    assert response.status_code == 200
    assert response.content.decode().count('class="bookmark"') == min(count, 20)
