"""Staff set forums up in the admin; threads and posts are shown there, not edited."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.forums.models import Forum, Thread
from tests.forums.conftest import page_text

pytestmark = pytest.mark.django_db


def forum_form(**changes: str) -> dict[str, str]:
    data = {
        "title": "Dialogue on care work",
        "slug": "care-work",
        "description": "Three weeks on **care**.",
        "position": "3",
        "languages": '["en", "es"]',
        "kind": "qa",
        "read_access": "everyone",
        "write_access": "members",
        "opens_at_0": "2030-03-01",
        "opens_at_1": "09:00:00",
        "closes_at_0": "2030-03-21",
        "closes_at_1": "18:00:00",
    }
    data.update(changes)
    return data


def test_staff_create_a_forum_with_access_and_window(staff_client: Client) -> None:
    response = staff_client.post("/admin/forums/forum/add/", forum_form())

    assert response.status_code == 302
    forum = Forum.objects.get()
    assert (forum.kind, forum.position, forum.languages) == ("qa", 3, ["en", "es"])
    assert forum.opens_at is not None
    assert forum.closes_at is not None
    assert forum.description_html == "<p>Three weeks on <strong>care</strong>.</p>\n"


def test_a_slug_that_a_forum_page_uses_is_refused(staff_client: Client) -> None:
    response = staff_client.post("/admin/forums/forum/add/", forum_form(slug="latest"))

    assert response.status_code == 200
    assert "This address is taken by a forum page" in page_text(response)
    assert not Forum.objects.exists()


def test_a_window_that_closes_before_it_opens_is_refused(staff_client: Client) -> None:
    response = staff_client.post("/admin/forums/forum/add/", forum_form(closes_at_0="2030-02-01"))

    assert response.status_code == 200
    assert not Forum.objects.exists()


def test_threads_and_posts_are_listed_read_only(staff_client: Client, thread: Thread) -> None:
    threads = staff_client.get("/admin/forums/thread/")
    posts = staff_client.get("/admin/forums/post/")
    change = staff_client.get(f"/admin/forums/thread/{thread.pk}/change/")

    assert threads.status_code == posts.status_code == 200
    assert "How do you open a workshop?" in page_text(threads)
    assert change.status_code == 200
    assert 'type="submit" value="Save"' not in page_text(change)
