"""Reply drafts: saved while typing (htmx) and on a failed submit, restored, then deleted."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Draft, Post, Thread
from tests.factories import make_member
from tests.forums.conftest import client_for, page_text

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_reply_box_saves_a_draft_while_typing(member_client: Client, thread: Thread) -> None:
    body = page_text(member_client.get(f"/forums/t/{thread.pk}/"))

    assert f'hx-post="/forums/t/{thread.pk}/draft/"' in body
    assert 'hx-trigger="keyup changed delay:2s"' in body


def test_htmx_saves_the_draft_and_answers_with_a_partial(
    member_client: Client, member: Member, thread: Thread
) -> None:
    response = member_client.post(
        f"/forums/t/{thread.pk}/draft/", {"body": "Half a thought"}, **HTMX
    )

    assert response.status_code == 200
    assert page_text(response).strip() == "Draft saved."
    assert Draft.objects.get(member=member, thread=thread).body == "Half a thought"
    member_client.post(f"/forums/t/{thread.pk}/draft/", {"body": "A whole thought"}, **HTMX)
    assert Draft.objects.get().body == "A whole thought"


def test_the_draft_is_restored_for_its_author_only(
    member: Member, member_client: Client, thread: Thread
) -> None:
    member_client.post(f"/forums/t/{thread.pk}/draft/", {"body": "Unfinished idea"}, **HTMX)

    mine = page_text(member_client.get(f"/forums/t/{thread.pk}/"))
    theirs = page_text(client_for(make_member()).get(f"/forums/t/{thread.pk}/"))

    assert ">\nUnfinished idea</textarea>" in mine
    assert "Unfinished idea" not in theirs


def test_posting_deletes_the_draft(member_client: Client, thread: Thread) -> None:
    member_client.post(f"/forums/t/{thread.pk}/draft/", {"body": "Soon posted"}, **HTMX)

    member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Soon posted"})

    assert not Draft.objects.exists()


def test_a_failed_submit_keeps_the_text_as_a_draft(
    member_client: Client, member: Member, thread: Thread
) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    response = member_client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Important words"})

    assert response.status_code == 403
    assert "Important words" in page_text(response)
    assert Draft.objects.get(member=member).body == "Important words"


def test_preview_works_without_javascript_and_keeps_a_draft(
    member_client: Client, member: Member, thread: Thread
) -> None:
    response = member_client.post(
        f"/forums/t/{thread.pk}/reply/", {"body": "A *careful* reply", "preview": "1"}
    )

    body = page_text(response)
    assert response.status_code == 200
    assert "<em>careful</em>" in body
    assert "A *careful* reply</textarea>" in body
    assert Post.objects.count() == 1
    assert Draft.objects.get(member=member).body == "A *careful* reply"


def test_an_empty_draft_is_removed(member_client: Client, thread: Thread) -> None:
    member_client.post(f"/forums/t/{thread.pk}/draft/", {"body": "Something"}, **HTMX)

    response = member_client.post(f"/forums/t/{thread.pk}/draft/", {"body": "   "}, **HTMX)

    assert not Draft.objects.exists()
    assert "Nothing to keep yet." in page_text(response)


def test_a_draft_that_is_too_long_is_refused_with_a_message(
    member_client: Client, thread: Thread
) -> None:
    response = member_client.post(f"/forums/t/{thread.pk}/draft/", {"body": "x" * 60_000}, **HTMX)

    assert "too long to keep as a draft" in page_text(response)
    assert not Draft.objects.exists()


def test_without_htmx_saving_a_draft_goes_back_to_the_reply_box(
    member_client: Client, thread: Thread
) -> None:
    response = member_client.post(f"/forums/t/{thread.pk}/draft/", {"body": "Kept"})

    assert response["Location"] == f"/forums/t/{thread.pk}/#reply"
    assert Draft.objects.get().body == "Kept"


def test_no_draft_in_a_thread_one_cannot_read(member_client: Client, thread: Thread) -> None:
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)

    response = member_client.post(f"/forums/t/{thread.pk}/draft/", {"body": "Sneaky"}, **HTMX)

    assert response.status_code == 403
    assert not Draft.objects.exists()
