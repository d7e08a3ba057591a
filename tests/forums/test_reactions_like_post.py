"""Liking a post: one like per member per post, the count kept right, and who may like."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, ForumKind, Post, Reaction
from tertulia.forums.services.reactions import like_post, unlike_post
from tests.factories import add_post, make_forum, make_member, make_thread

pytestmark = pytest.mark.django_db


def like_count(post: Post) -> int:
    return Post.objects.values_list("like_count", flat=True).get(pk=post.pk)


def test_like_post_updates_the_like_count(member: Member) -> None:
    post = make_thread().posts.get()

    assert like_post(member, post) is True
    like_post(make_member(), post)

    assert like_count(post) == 2
    assert Reaction.objects.filter(post=post).count() == 2


def test_liking_twice_is_one_like(member: Member) -> None:
    post = make_thread().posts.get()

    like_post(member, post)
    assert like_post(member, post) is False

    assert like_count(post) == 1
    assert Reaction.objects.filter(post=post, member=member).count() == 1


def test_unlike_takes_the_like_back_once(member: Member) -> None:
    post = make_thread().posts.get()
    like_post(member, post)

    assert unlike_post(member, post) is True
    assert unlike_post(member, post) is False

    assert like_count(post) == 0
    assert not Reaction.objects.exists()


def test_a_member_cannot_like_their_own_post(member: Member) -> None:
    post = make_thread(author=member).posts.get()

    with pytest.raises(PermissionDenied, match="your own post"):
        like_post(member, post)

    assert like_count(post) == 0


def test_a_hidden_post_cannot_be_liked(member: Member, facilitator: Member) -> None:
    post = add_post(thread=make_thread(), is_hidden=True)

    with pytest.raises(PermissionDenied):
        like_post(member, post)
    with pytest.raises(PermissionDenied, match="hidden"):
        like_post(facilitator, post)

    assert like_count(post) == 0


def test_a_post_waiting_for_approval_cannot_be_liked(facilitator: Member) -> None:
    post = add_post(thread=make_thread(), is_approved=False)

    with pytest.raises(PermissionDenied, match="approval"):
        like_post(facilitator, post)


def test_liking_needs_permission_to_read(member: Member) -> None:
    forum = make_forum(title="Facilitators", read_access=Access.FACILITATORS)
    post = make_thread(forum=forum).posts.get()

    with pytest.raises(PermissionDenied):
        like_post(member, post)

    assert not Reaction.objects.exists()


def test_an_unseen_q_and_a_answer_cannot_be_liked(member: Member) -> None:
    thread = make_thread(forum=make_forum(title="Q&A", kind=ForumKind.QUESTION_AND_ANSWER))
    answer = add_post(thread=thread)

    with pytest.raises(PermissionDenied):
        like_post(member, answer)
    like_post(member, thread.posts.get(position=1))  # the question itself is always shown


def test_the_like_button_posts_and_redirects_back_to_the_post(
    member_client: Client,
) -> None:
    post = make_thread().posts.get()

    response = member_client.post(f"/forums/p/{post.pk}/like/")

    assert response.status_code == 302
    assert response["Location"].endswith(f"/p/{post.pk}/")
    assert like_count(post) == 1
    member_client.post(f"/forums/p/{post.pk}/unlike/")
    assert like_count(post) == 0


def test_liking_ones_own_post_through_the_page_is_a_clear_403(member: Member) -> None:
    post = make_thread(author=member).posts.get()
    client = Client()
    client.force_login(member)

    response = client.post(f"/forums/p/{post.pk}/like/")

    assert response.status_code == 403
    assert "You cannot like your own post." in response.content.decode()


def test_a_visitor_is_sent_to_sign_in_and_a_get_changes_nothing(
    client: Client, member_client: Client
) -> None:
    post = make_thread().posts.get()

    assert client.post(f"/forums/p/{post.pk}/like/").status_code == 302
    assert member_client.get(f"/forums/p/{post.pk}/like/").status_code == 405
    assert like_count(post) == 0


def test_an_unsafe_next_is_ignored(member_client: Client) -> None:
    post = make_thread().posts.get()

    response = member_client.post(f"/forums/p/{post.pk}/like/", {"next": "https://evil.example/"})

    assert "evil" not in response["Location"]
