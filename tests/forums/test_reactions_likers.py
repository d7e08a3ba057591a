"""The page listing who liked a post."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tertulia.forums.models import Access, Post
from tertulia.forums.services.reactions import like_post
from tests.factories import add_post, make_forum, make_member, make_thread

pytestmark = pytest.mark.django_db


def liked_by(count: int) -> Post:
    post = make_thread().posts.get()
    for n in range(count):
        like_post(make_member(display_name=f"Liker {n:03d}"), post)
    return post


def test_the_likers_page_lists_who_liked_latest_first(client: Client) -> None:
    post = make_thread().posts.get()
    like_post(make_member(display_name="Amaru Quispe"), post)
    like_post(make_member(display_name="Ngozi Okafor"), post)

    response = client.get(f"/forums/p/{post.pk}/likes/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert "has 2 likes" in html
    assert html.index("Ngozi Okafor") < html.index("Amaru Quispe")


@pytest.mark.parametrize("likes", [5, 50])
def test_the_likers_page_takes_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: Any, likes: int
) -> None:
    post = liked_by(likes)
    client.get("/")  # warm the cached site settings

    with django_assert_num_queries(3):  # the post, the count, the page of likers
        response = client.get(f"/forums/p/{post.pk}/likes/")

    assert response.status_code == 200


def test_a_hidden_posts_likers_are_not_shown(client: Client) -> None:
    post = add_post(thread=make_thread(), is_hidden=True)

    assert client.get(f"/forums/p/{post.pk}/likes/").status_code == 404


def test_a_visitor_cannot_see_likers_in_a_members_forum(client: Client) -> None:
    post = make_thread(forum=make_forum(title="M", read_access=Access.MEMBERS)).posts.get()

    assert client.get(f"/forums/p/{post.pk}/likes/").status_code == 404
