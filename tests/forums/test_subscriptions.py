"""Following forums and threads: the buttons, and following by default."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, Forum, Subscription, Thread
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.subscriptions import subscribe_to_forum
from tests.factories import make_forum
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


def test_a_member_follows_and_unfollows_a_forum(
    member_client: Client, member: Member, forum: Forum
) -> None:
    followed = member_client.post("/forums/general/follow/", {"follow": "1"})
    assert Subscription.objects.filter(member=member, forum=forum).exists()
    assert "Stop following this forum" in page_text(member_client.get("/forums/general/"))

    member_client.post("/forums/general/follow/", {"follow": "0"})

    assert followed["Location"] == "/forums/general/"
    assert not Subscription.objects.filter(member=member, forum=forum).exists()
    assert "Follow this forum" in page_text(member_client.get("/forums/general/"))


def test_a_member_follows_and_unfollows_a_thread(
    member_client: Client, member: Member, thread: Thread
) -> None:
    member_client.post(f"/forums/t/{thread.pk}/follow/", {"follow": "1"})
    member_client.post(f"/forums/t/{thread.pk}/follow/", {"follow": "1"})
    assert Subscription.objects.filter(member=member, thread=thread).count() == 1
    assert "Stop following this thread" in page_text(member_client.get(f"/forums/t/{thread.pk}/"))

    member_client.post(f"/forums/t/{thread.pk}/follow/", {"follow": "0"})

    assert not Subscription.objects.filter(member=member, thread=thread).exists()


def test_replying_follows_the_thread(member: Member, thread: Thread) -> None:
    post_reply(member, thread, body="Count me in")

    assert Subscription.objects.filter(member=member, thread=thread).exists()


def test_following_needs_a_post_request_and_an_account(
    client: Client, member_client: Client, thread: Thread
) -> None:
    assert member_client.get(f"/forums/t/{thread.pk}/follow/").status_code == 405
    response = client.post(f"/forums/t/{thread.pk}/follow/", {"follow": "1"})
    assert response["Location"].startswith("/accounts/login/")
    assert not Subscription.objects.exists()


def test_a_forum_one_cannot_read_cannot_be_followed(member: Member, member_client: Client) -> None:
    team = make_forum(title="Team", slug="team", read_access=Access.FACILITATORS)

    response = member_client.post("/forums/team/follow/", {"follow": "1"})

    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        subscribe_to_forum(member, team)
    assert not Subscription.objects.exists()


def test_visitors_see_no_follow_button(client: Client, thread: Thread) -> None:
    assert "Follow this thread" not in page_text(client.get(f"/forums/t/{thread.pk}/"))


def test_a_member_who_turned_off_following_on_posting_does_not_follow(
    member: Member, thread: Thread
) -> None:
    member.follows_threads_on_posting = False
    member.save(update_fields=["follows_threads_on_posting"])
    post_reply(member, thread, body="A thought, without following.")
    assert not Subscription.objects.filter(member=member, thread=thread).exists()


def test_the_preference_is_in_the_profile_form(member_client: Client) -> None:
    response = member_client.get("/account/profile/")
    assert 'name="follows_threads_on_posting"' in response.content.decode()
    assert response.context["form"]["follows_threads_on_posting"].value() is True
