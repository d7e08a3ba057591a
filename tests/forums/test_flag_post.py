"""Members report posts to the facilitators."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.forums.models import Access, Flag, FlagReason, ForumKind, Post
from tertulia.forums.services.moderation_flags import flag_post
from tertulia.forums.services.moderation_posts import hide_post
from tests.factories import add_post, make_facilitator, make_forum, make_member, make_thread

pytestmark = pytest.mark.django_db


def _flag_url(post: Post) -> str:
    return reverse("post-flag", kwargs={"post_id": post.pk})


def test_member_flags_a_post_with_reason_and_note(member: Member, member_client: Client) -> None:
    post = add_post(thread=make_thread())

    page = member_client.get(_flag_url(post))
    response = member_client.post(
        _flag_url(post), {"reason": FlagReason.ABUSIVE, "note": "Insults in the second line."}
    )

    assert page.status_code == 200
    assert "Why are you reporting this post?" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("post-permalink", kwargs={"post_id": post.pk})
    flag = Flag.objects.get()
    assert (flag.post, flag.member, flag.reason) == (post, member, FlagReason.ABUSIVE)
    assert flag.note == "Insults in the second line."
    assert flag.resolved_at is None


def test_a_second_open_flag_by_the_same_member_is_refused(
    member: Member, member_client: Client
) -> None:
    post = add_post(thread=make_thread())
    flag_post(member, post, reason=FlagReason.SPAM)

    response = member_client.post(_flag_url(post), {"reason": FlagReason.OFF_TOPIC})

    assert response.status_code == 200
    assert "You have already reported this post." in response.content.decode()
    assert Flag.objects.count() == 1
    with pytest.raises(ValidationError, match="already reported"):
        flag_post(member, post, reason=FlagReason.OTHER)


def test_a_member_may_flag_again_once_the_first_flag_is_resolved(
    member: Member, facilitator: Member
) -> None:
    post = add_post(thread=make_thread())
    flag_post(member, post, reason=FlagReason.SPAM)
    Flag.objects.update(resolved_by=facilitator, resolution="fine", resolved_at="2025-01-01T00:00Z")

    flag_post(member, post, reason=FlagReason.SPAM)

    assert Flag.objects.count() == 2


def test_own_post_cannot_be_flagged(member: Member, member_client: Client) -> None:
    post = add_post(thread=make_thread(), author=member)

    response = member_client.post(_flag_url(post), {"reason": FlagReason.SPAM})

    assert response.status_code == 403
    assert "You cannot report your own post." in response.content.decode()
    assert not Flag.objects.exists()


def test_visitors_cannot_flag(client: Client) -> None:
    post = add_post(thread=make_thread())

    assert client.get(_flag_url(post)).status_code == 403
    response = client.post(_flag_url(post), {"reason": FlagReason.SPAM})

    assert response.status_code == 403
    assert "Sign in to report a post." in response.content.decode()
    assert not Flag.objects.exists()


def test_a_post_the_member_may_not_read_cannot_be_flagged(member: Member) -> None:
    forum = make_forum(read_access=Access.FACILITATORS)
    post = add_post(thread=make_thread(forum=forum, author=make_facilitator()))

    with pytest.raises(PermissionDenied, match="not open to you"):
        flag_post(member, post, reason=FlagReason.SPAM)


def test_qa_replies_cannot_be_flagged_before_answering(
    member: Member, member_client: Client
) -> None:
    thread = make_thread(forum=make_forum(kind=ForumKind.QUESTION_AND_ANSWER))
    answer = add_post(thread=thread, body="The secret answer")

    with pytest.raises(PermissionDenied, match="Answer the question"):
        flag_post(member, answer, reason=FlagReason.SPAM)
    page = member_client.get(_flag_url(answer))
    assert page.status_code == 403
    assert answer.body not in page.content.decode()
    flag_post(member, thread.posts.get(position=1), reason=FlagReason.SPAM)
    assert Flag.objects.count() == 1


def test_hidden_and_held_posts_cannot_be_flagged(member: Member, facilitator: Member) -> None:
    thread = make_thread()
    hidden = add_post(thread=thread)
    hide_post(facilitator, hidden, reason="Spam")
    held = add_post(thread=thread, is_approved=False)

    for post in (hidden, held):
        with pytest.raises(PermissionDenied):
            flag_post(member, post, reason=FlagReason.SPAM)
    assert not Flag.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": ""}, "Choose why you are reporting this post."),
        ({"reason": "boredom"}, "Select a valid choice."),
        ({"reason": FlagReason.OTHER, "note": "x" * 1001}, "at most 1000 characters"),
    ],
)
def test_bad_input_gives_a_message_and_saves_nothing(
    member_client: Client, data: dict[str, str], message: str
) -> None:
    post = add_post(thread=make_thread())

    response = member_client.post(_flag_url(post), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Flag.objects.exists()


def test_service_refuses_an_unknown_reason(member: Member) -> None:
    post = add_post(thread=make_thread())
    with pytest.raises(ValidationError):
        flag_post(member, post, reason="boredom")
    with pytest.raises(ValidationError):
        flag_post(member, post, reason=FlagReason.OTHER, note="y" * 1001)
    assert not Flag.objects.exists()


def test_with_htmx_the_form_and_the_thanks_come_as_a_partial(member_client: Client) -> None:
    post = add_post(thread=make_thread(), author=make_member())
    headers = {"HX-Request": "true"}

    form = member_client.get(_flag_url(post), headers=headers)
    sent = member_client.post(_flag_url(post), {"reason": FlagReason.SPAM}, headers=headers)

    assert form.status_code == 200
    assert "<html" not in form.content.decode()
    assert f'id="flag-{post.pk}-reason_0"' in form.content.decode()
    assert sent.status_code == 200
    assert "<html" not in sent.content.decode()
    assert "Thank you. A facilitator will look at this post." in sent.content.decode()
    assert Flag.objects.count() == 1
