"""Replying in a thread: positions, counters, reply-to, approval, and refusals."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.forums.models import Attachment, Forum, Post, Subscription, Thread
from tertulia.forums.services.posts import delete_own_post, post_reply
from tests.factories import add_post, make_member, make_thread
from tests.forums.conftest import client_for, page_text
from tests.images import jpeg_with_gps, png

pytestmark = pytest.mark.django_db


def test_a_reply_takes_the_next_position_and_updates_every_counter(
    member_client: Client, member: Member, forum: Forum, thread: Thread
) -> None:
    response = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "I use a song."})

    post = Post.objects.get(position=2)
    assert response.status_code == 302
    assert response["Location"] == f"/forums/t/{thread.pk}/#post-{post.pk}"
    thread.refresh_from_db()
    forum.refresh_from_db()
    assert (thread.post_count, thread.reply_count, thread.last_post_id) == (2, 1, post.pk)
    assert thread.last_activity_at == post.created_at
    assert (forum.post_count, forum.thread_count, forum.last_post_id) == (2, 1, post.pk)
    assert Subscription.objects.filter(member=member, thread=thread).exists()


def test_the_twenty_first_post_lands_on_page_two(member_client: Client, thread: Thread) -> None:
    for _ in range(19):
        add_post(thread=thread)

    response = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Number 21"})

    post = Post.objects.get(position=21)
    assert response["Location"] == f"/forums/t/{thread.pk}/?page=2#post-{post.pk}"


def test_a_reply_to_a_post_says_whom_it_answers(
    member_client: Client, thread: Thread, other_member: Member
) -> None:
    first = Post.objects.get(thread=thread, position=1)

    member_client.post(
        f"/forums/t/{thread.pk}/reply/", {"body": "Agreed.", "reply_to": str(first.pk)}
    )

    reply = Post.objects.get(position=2)
    assert reply.reply_to == first
    body = page_text(member_client.get(f"/forums/t/{thread.pk}/"))
    assert f'in reply to <a href="/forums/p/{first.pk}/">Wanjiru Kamau Otieno #1</a>' in body


def test_replying_to_a_post_of_another_thread_is_refused(
    member: Member, forum: Forum, thread: Thread
) -> None:
    elsewhere = make_thread(forum=forum, title="Elsewhere")
    stranger = Post.objects.get(thread=elsewhere, position=1)

    with pytest.raises(ValidationError, match="a post you can see in this thread"):
        post_reply(member, thread, body="Hi", reply_to=stranger)
    assert not Post.objects.filter(thread=thread, position=2).exists()


def test_a_locked_thread_refuses_members_but_not_facilitators(
    member_client: Client, facilitator_client: Client, thread: Thread
) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    refused = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Me too"})
    allowed = facilitator_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Closing note"})

    assert refused.status_code == 403
    assert "This thread is locked: no new replies." in page_text(refused)
    assert allowed.status_code == 302
    assert list(Post.objects.filter(position__gt=1).values_list("body", flat=True)) == [
        "Closing note"
    ]


def test_replying_to_a_hidden_thread_is_refused(member_client: Client, thread: Thread) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)

    response = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Hello?"})

    assert response.status_code == 403
    assert "This thread is not open to you." in page_text(response)
    assert Post.objects.count() == 1


def test_replying_to_a_thread_its_author_deleted_is_refused(
    member: Member, other_member: Member, thread: Thread
) -> None:
    delete_own_post(other_member, Post.objects.get(thread=thread, position=1))

    with pytest.raises(PermissionDenied, match="not open to you"):
        post_reply(member, thread, body="Still there?")


@pytest.mark.parametrize("body", ["", "   ", "\n\t\n"])
def test_an_empty_reply_is_refused_and_nothing_is_saved(
    member_client: Client, thread: Thread, body: str
) -> None:
    response = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": body})

    assert response.status_code == 200
    assert "Write something before posting." in page_text(response)
    assert Post.objects.count() == 1


def test_a_one_megabyte_reply_is_refused_with_a_clear_message(
    member_client: Client, thread: Thread
) -> None:
    response = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "é" * 1_000_000})

    assert "a post can hold 50,000" in page_text(response)
    assert Post.objects.count() == 1


def test_nul_characters_are_dropped(member: Member, thread: Thread) -> None:
    post = post_reply(member, thread, body="Hello\x00 there")

    assert post.body == "Hello there"


def test_the_same_form_sent_twice_makes_one_post(member_client: Client, thread: Thread) -> None:
    data = {"body": "Only once", "submission_key": "same-key"}

    first = member_client.post(f"/forums/t/{thread.pk}/reply/", data)
    second = member_client.post(f"/forums/t/{thread.pk}/reply/", data)

    assert Post.objects.count() == 2
    assert first["Location"] == second["Location"]
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_the_service_returns_the_first_post_for_a_repeated_key(
    member: Member, thread: Thread
) -> None:
    first = post_reply(member, thread, body="Once", submission_key="k")

    again = post_reply(member, thread, body="Once", submission_key="k")

    assert again.pk == first.pk


def test_visitors_are_sent_to_sign_in(client: Client, thread: Thread) -> None:
    response = client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Hi"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_reply_url_read_with_get_goes_back_to_the_thread(
    member_client: Client, thread: Thread
) -> None:
    response = member_client.get(f"/forums/t/{thread.pk}/reply/")

    assert response["Location"] == f"/forums/t/{thread.pk}/"


@pytest.fixture
def approval_on(db: None) -> None:
    site = SiteSettings.current()
    site.first_posts_need_approval = True
    site.save()


@pytest.mark.usefixtures("approval_on")
def test_a_new_members_first_post_waits_and_counts_nowhere(
    member_client: Client, member: Member, forum: Forum, thread: Thread
) -> None:
    response = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "My first words"})

    post = Post.objects.get(position=2)
    assert not post.is_approved
    thread.refresh_from_db()
    forum.refresh_from_db()
    assert (thread.post_count, thread.reply_count) == (2, 0)
    assert forum.post_count == 1
    assert forum.last_post_id != post.pk
    own_view = page_text(member_client.get(response["Location"]))
    assert "My first words" in own_view
    assert "waiting for a facilitator" in own_view


@pytest.mark.usefixtures("approval_on")
def test_others_do_not_see_a_post_waiting_for_approval(
    member: Member, facilitator_client: Client, thread: Thread
) -> None:
    post_reply(member, thread, body="Waiting words")
    reader = client_for(make_member())

    assert "Waiting words" not in page_text(reader.get(f"/forums/t/{thread.pk}/"))
    assert "Waiting words" in page_text(facilitator_client.get(f"/forums/t/{thread.pk}/"))


@pytest.mark.usefixtures("approval_on")
def test_a_member_with_an_approved_post_and_facilitators_post_directly(
    member: Member, facilitator: Member, thread: Thread
) -> None:
    add_post(thread=thread, author=member, body="Approved earlier")

    assert post_reply(member, thread, body="Straight in").is_approved
    assert post_reply(facilitator, thread, body="Me too").is_approved


@pytest.mark.usefixtures("approval_on")
def test_a_new_members_thread_waits_for_approval(
    member: Member, member_client: Client, forum: Forum, client: Client
) -> None:
    member_client.post("/forums/general/new/", {"title": "Hidden for now", "body": "Hello all"})

    thread = Thread.objects.get()
    forum.refresh_from_db()
    assert thread.last_post_id is None
    assert forum.thread_count == 0
    assert "Hidden for now" not in page_text(client.get("/forums/general/"))
    assert client.get(f"/forums/t/{thread.pk}/").status_code == 404
    assert "Hidden for now" in page_text(member_client.get("/forums/general/"))
    assert member_client.get(f"/forums/t/{thread.pk}/").status_code == 200


def test_a_reply_carries_a_described_picture(member_client: Client, thread: Thread) -> None:
    photo = SimpleUploadedFile("20170913_102718.jpg", jpeg_with_gps(), "image/jpeg")

    response = member_client.post(
        f"/forums/t/{thread.pk}/reply/",
        {"body": "Our room", "file_1": photo, "alt_1": "Chairs in a circle"},
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.post == Post.objects.get(position=2)
    assert (attachment.original_name, attachment.alt_text) == (
        "20170913_102718.jpg",
        "Chairs in a circle",
    )


def test_a_picture_without_a_description_is_refused_and_nothing_is_saved(
    member_client: Client, thread: Thread
) -> None:
    photo = SimpleUploadedFile("room.png", png(), "image/png")

    response = member_client.post(
        f"/forums/t/{thread.pk}/reply/", {"body": "Our room", "file_1": photo}
    )

    assert "Describe the picture “room.png”" in page_text(response)
    assert Post.objects.count() == 1
    assert not Attachment.objects.exists()


def test_a_file_whose_content_does_not_match_its_name_is_refused(
    member_client: Client, thread: Thread
) -> None:
    fake = SimpleUploadedFile("photo.jpg", b"just some text, not a picture", "image/jpeg")

    response = member_client.post(
        f"/forums/t/{thread.pk}/reply/", {"body": "Look", "file_1": fake, "alt_1": "A photo"}
    )

    assert "its content is not a picture" in page_text(response)
    assert Post.objects.count() == 1
    assert not Attachment.objects.exists()
