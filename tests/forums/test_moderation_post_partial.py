"""The moderation strip inside each post of the thread page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.forums.models import FlagReason
from tertulia.forums.services.moderation_flags import flag_post
from tertulia.forums.services.moderation_posts import hide_post
from tests.factories import add_post, make_member, make_thread

pytestmark = pytest.mark.django_db


def _thread_page(client: Client, thread_id: int) -> str:
    response = client.get(reverse("thread-detail", kwargs={"thread_id": thread_id}))
    assert response.status_code == 200
    return response.content.decode()


def test_members_get_a_report_link_on_others_posts_only(
    member: Member, member_client: Client
) -> None:
    thread = make_thread()
    others = add_post(thread=thread)
    own = add_post(thread=thread, author=member)

    content = _thread_page(member_client, thread.pk)

    assert reverse("post-flag", kwargs={"post_id": others.pk}) in content
    assert reverse("post-flag", kwargs={"post_id": own.pk}) not in content
    assert "Moderate thread" not in content
    assert "Hide the post" not in content


def test_visitors_get_no_moderation_strip(client: Client) -> None:
    thread = make_thread()
    post = add_post(thread=thread)

    content = _thread_page(client, thread.pk)

    assert reverse("post-flag", kwargs={"post_id": post.pk}) not in content
    assert f'id="post-moderation-{post.pk}"' not in content


def test_facilitators_get_hide_restore_report_count_and_thread_tools(
    facilitator: Member, facilitator_client: Client
) -> None:
    thread = make_thread()
    flagged = add_post(thread=thread)
    flag_post(make_member(), flagged, reason=FlagReason.SPAM)
    flag_post(make_member(), flagged, reason=FlagReason.ABUSIVE)
    hidden = add_post(thread=thread)
    hide_post(facilitator, hidden, reason="Spam")
    held = add_post(thread=thread, is_approved=False)

    content = _thread_page(facilitator_client, thread.pk)

    assert "2 open reports" in content
    assert reverse("post-moderate", kwargs={"post_id": flagged.pk, "action": "hide"}) in content
    assert f'<label for="hide-reason-{flagged.pk}">' in content
    assert reverse("post-moderate", kwargs={"post_id": hidden.pk, "action": "restore"}) in content
    assert reverse("post-moderate", kwargs={"post_id": held.pk, "action": "approve"}) in content
    assert content.count(reverse("thread-moderate", kwargs={"thread_id": thread.pk})) == 1
