"""An old link to a merged thread leads to the thread its posts went to."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.forums.models import Thread
from tertulia.forums.services.moderation_restructure import merge_threads
from tests.factories import add_post, make_thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(facilitator: Member) -> tuple[Thread, Thread]:
    target = make_thread(title="Where it all went", body="The question")
    source = make_thread(title="Asked twice", body="The same question")
    add_post(thread=source, body="An answer that moved")
    merge_threads(facilitator, source, target_id=target.pk, reason="Same question")
    source.refresh_from_db()
    return source, target


@pytest.mark.parametrize("viewer", ["visitor", "member", "facilitator"])
def test_the_merged_threads_link_leads_to_the_target(
    merged: tuple[Thread, Thread],
    viewer: str,
    client: Client,
    member_client: Client,
    facilitator_client: Client,
) -> None:
    source, target = merged
    browser = {"visitor": client, "member": member_client, "facilitator": facilitator_client}[
        viewer
    ]

    response = browser.get(f"/forums/t/{source.pk}/?page=1")

    assert response.status_code == 302
    assert response["Location"] == f"/forums/t/{target.pk}/"
    landing = page_text(browser.get(response["Location"]))
    assert "An answer that moved" in landing
    assert "That thread was merged into this one." in landing


def test_the_jump_to_unread_follows_the_merge_too(
    merged: tuple[Thread, Thread], member_client: Client
) -> None:
    source, target = merged

    response = member_client.get(f"/forums/t/{source.pk}/unread/")

    assert response["Location"] == f"/forums/t/{target.pk}/"


def test_merging_records_where_the_posts_went(merged: tuple[Thread, Thread]) -> None:
    source, target = merged

    assert source.merged_into_id == target.pk
    assert source.is_hidden
    target.refresh_from_db()
    assert target.merged_into_id is None


def test_a_thread_hidden_for_other_reasons_stays_closed(member_client: Client) -> None:
    hidden = make_thread(is_hidden=True)

    assert member_client.get(f"/forums/t/{hidden.pk}/").status_code == 403
