"""The notification list: unread first, opening marks read, mark all read, query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from tertulia.accounts.models import Member
from tertulia.notifications.models import Kind, Notification
from tertulia.notifications.services import notify

pytestmark = pytest.mark.django_db


def _notify_many(member: Member, actor: Member, count: int) -> list[Notification]:
    rows = []
    for number in range(count):
        row = notify(
            member,
            Kind.REACTION,
            actor=actor,
            url=f"/p/{number}/",
            source=f"post:{number}",
            params={"subject": f"Thread {number}"},
        )
        assert row is not None
        rows.append(row)
    return rows


def test_unread_come_first_with_titles_in_words(
    member_client: Client, member: Member, staff: Member
) -> None:
    old, new = _notify_many(member, staff, 2)
    Notification.objects.filter(pk=new.pk).update(read_at=timezone.now())
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))

    body = member_client.get("/notifications/").content.decode()

    assert body.index("Thread 0") < body.index("Thread 1")  # unread before newer but read
    assert "栄祥 林 liked your post in “Thread 0”" in body
    assert "Unread:" in body


def test_opening_marks_read_and_goes_to_the_target(
    member_client: Client, member: Member, staff: Member
) -> None:
    (row,) = _notify_many(member, staff, 1)

    response = member_client.get(f"/notifications/{row.pk}/open/")

    assert response.status_code == 302
    assert response["Location"] == "/p/0/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_someone_elses_notification_is_not_found(
    member_client: Client, facilitator: Member, staff: Member
) -> None:
    (row,) = _notify_many(facilitator, staff, 1)
    assert member_client.get(f"/notifications/{row.pk}/open/").status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_all_read(member_client: Client, member: Member, staff: Member) -> None:
    _notify_many(member, staff, 3)
    response = member_client.post("/notifications/read-all/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def test_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("rows", [2, 10])
def test_the_list_query_count_does_not_grow(
    member_client: Client,
    member: Member,
    staff: Member,
    rows: int,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    _notify_many(member, staff, rows)
    member_client.get("/")  # warm the cached site settings
    # session, member, count, page (with actors)
    with django_assert_num_queries(4):
        member_client.get("/notifications/")


def _header_badge(client: Client) -> str:
    page = client.get("/").content.decode()
    nav = page[page.index('class="account-nav"') : page.index("</nav>")]
    link = nav[nav.index('href="/notifications/"') :]
    return link[: link.index("</a>")]


def test_the_header_shows_the_unread_count_until_read(
    member_client: Client, member: Member, staff: Member
) -> None:
    rows = _notify_many(member, staff, 3)
    assert '<span class="count-badge">3<' in _header_badge(member_client)

    member_client.get(f"/notifications/{rows[0].pk}/open/")
    assert '<span class="count-badge">2<' in _header_badge(member_client)

    member_client.post("/notifications/read-all/")
    assert "count-badge" not in _header_badge(member_client)


def test_a_batched_like_does_not_raise_the_count(member: Member, staff: Member) -> None:
    _notify_many(member, staff, 1)
    notify(member, Kind.REACTION, actor=staff, url="/p/0/", source="post:0")
    member.refresh_from_db()
    assert member.unread_notifications == 1


def test_the_header_count_costs_no_query(
    member_client: Client, member: Member, staff: Member
) -> None:
    member_client.get("/")  # warm the caches
    with CaptureQueriesContext(connection) as without_notifications:
        member_client.get("/")
    _notify_many(member, staff, 2)
    with CaptureQueriesContext(connection) as with_notifications:
        page = member_client.get("/").content.decode()
    assert '<span class="count-badge">2<' in page
    assert len(with_notifications.captured_queries) == len(without_notifications.captured_queries)
