"""Editing posts: the author within the window, facilitators always, with full history."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import Post, PostRevision, Thread
from tertulia.forums.services.posts import edit_post
from tests.factories import add_post
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_post(member: Member, thread: Thread) -> Post:
    return add_post(thread=thread, author=member, body="First version")


def test_the_author_edits_and_the_old_text_is_kept(
    member_client: Client, own_post: Post, member: Member
) -> None:
    response = member_client.post(f"/forums/p/{own_post.pk}/edit/", {"body": "Second **version**"})

    assert response.status_code == 302
    own_post.refresh_from_db()
    assert own_post.body == "Second **version**"
    assert own_post.body_html == "<p>Second <strong>version</strong></p>\n"
    assert own_post.edited_at is not None
    revision = PostRevision.objects.get()
    assert (revision.post, revision.body, revision.edited_by) == (own_post, "First version", member)


def test_everyone_sees_the_edited_mark(client: Client, own_post: Post, member: Member) -> None:
    edit_post(member, own_post, body="Changed")

    body = page_text(client.get(f"/forums/t/{own_post.thread_id}/"))

    assert ">edited</span>" in body


def test_editing_a_first_post_can_change_the_thread_title(
    other_member: Member, thread: Thread
) -> None:
    first = Post.objects.get(thread=thread, position=1)

    edit_post(other_member, first, body=first.body, title="A better title")

    thread.refresh_from_db()
    assert thread.title == "A better title"
    assert PostRevision.objects.get().title == "How do you open a workshop?"


def test_the_edit_form_of_a_first_post_has_the_title(other_member: Member, thread: Thread) -> None:
    first = Post.objects.get(thread=thread, position=1)

    body = page_text(client_for(other_member).get(f"/forums/p/{first.pk}/edit/"))

    assert 'value="How do you open a workshop?"' in body
    assert "I start with a round of names." in body


def test_an_unchanged_edit_keeps_no_revision(member: Member, own_post: Post) -> None:
    edit_post(member, own_post, body="First version")

    assert not PostRevision.objects.exists()
    own_post.refresh_from_db()
    assert own_post.edited_at is None


def test_an_edit_to_an_empty_body_is_refused(member_client: Client, own_post: Post) -> None:
    response = member_client.post(f"/forums/p/{own_post.pk}/edit/", {"body": "  "})

    assert "Write something before posting." in page_text(response)
    own_post.refresh_from_db()
    assert own_post.body == "First version"
    assert not PostRevision.objects.exists()


def test_the_author_cannot_edit_after_the_window(
    member_client: Client, own_post: Post, settings: object
) -> None:
    later = timezone.now() + timedelta(minutes=61)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = member_client.post(f"/forums/p/{own_post.pk}/edit/", {"body": "Too late"})

    assert response.status_code == 403
    assert "You can no longer edit this post." in page_text(response)
    own_post.refresh_from_db()
    assert own_post.body == "First version"


def test_the_window_follows_the_setting(member: Member, own_post: Post, settings: object) -> None:
    settings.FORUM_EDIT_WINDOW_MINUTES = 5  # type: ignore[attr-defined]
    later = timezone.now() + timedelta(minutes=6)

    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        pytest.raises(PermissionDenied),
    ):
        edit_post(member, own_post, body="Too late")


def test_facilitators_edit_any_post_at_any_time(
    facilitator: Member, facilitator_client: Client, own_post: Post
) -> None:
    Post.objects.filter(pk=own_post.pk).update(created_at=timezone.now() - timedelta(days=30))

    response = facilitator_client.post(
        f"/forums/p/{own_post.pk}/edit/", {"body": "Tidied by a facilitator"}
    )

    assert response.status_code == 302
    assert PostRevision.objects.get().edited_by == facilitator


def test_members_cannot_edit_someone_elses_post(member_client: Client, thread: Thread) -> None:
    theirs = Post.objects.get(thread=thread, position=1)

    assert member_client.get(f"/forums/p/{theirs.pk}/edit/").status_code == 403
    response = member_client.post(f"/forums/p/{theirs.pk}/edit/", {"body": "Hacked"})

    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.body == "I start with a round of names. What do you do?"


def test_the_author_cannot_edit_in_a_locked_thread(member: Member, own_post: Post) -> None:
    Thread.objects.filter(pk=own_post.thread_id).update(is_locked=True)
    own_post.refresh_from_db()

    with pytest.raises(PermissionDenied):
        edit_post(member, own_post, body="Sneaky")


def test_facilitators_read_the_full_history(
    facilitator_client: Client, member: Member, facilitator: Member, own_post: Post
) -> None:
    edit_post(member, own_post, body="Second version")
    edit_post(facilitator, own_post, body="Third version")

    response = facilitator_client.get(f"/forums/p/{own_post.pk}/history/")

    body = page_text(response)
    assert response.status_code == 200
    assert body.index("Third version") < body.index("Second version") < body.index("First version")
    assert "Before the edit by Ruya Leghari" in body
    thread_page = page_text(facilitator_client.get(f"/forums/t/{own_post.thread_id}/"))
    assert f'href="/forums/p/{own_post.pk}/history/"' in thread_page


def test_members_cannot_read_the_history(
    member_client: Client, member: Member, own_post: Post
) -> None:
    edit_post(member, own_post, body="Second version")

    assert member_client.get(f"/forums/p/{own_post.pk}/history/").status_code == 403
    assert "/history/" not in page_text(member_client.get(f"/forums/t/{own_post.thread_id}/"))


def test_a_bad_title_on_edit_is_refused(other_member: Member, thread: Thread) -> None:
    first = Post.objects.get(thread=thread, position=1)

    with pytest.raises(ValidationError) as caught:
        edit_post(other_member, first, body="Fine", title="   ")

    assert "title" in caught.value.message_dict


def test_edit_preview_saves_nothing(member_client: Client, own_post: Post) -> None:
    response = member_client.post(
        f"/forums/p/{own_post.pk}/edit/", {"body": "*Maybe*", "preview": "1"}
    )

    assert "<em>Maybe</em>" in page_text(response)
    own_post.refresh_from_db()
    assert own_post.body == "First version"
