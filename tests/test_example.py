"""How we test, in three small examples. Read this first; copy its shape.

1. A page: request it with Django's test client as a visitor or a member would, then
   check what a person would see — and how many SQL queries it took.
2. A service: call the function in `<app>/services.py` directly and check the database.
3. A permission: ask the `can_*` function in `<app>/permissions.py`, and check that the
   service refuses (`check_*` raises PermissionDenied).

Fixtures (`member`, `member_client`, `facilitator`, ...) live in tests/conftest.py; test
data comes from the keyword-only factories in tests/factories.py.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client

from tertulia.accounts import services
from tertulia.accounts.models import Member, Visibility
from tertulia.accounts.permissions import can_view_profile
from tests.factories import make_member

# Every test here touches the database; pytest-django rolls it back after each one.
pytestmark = pytest.mark.django_db


# 1. A page -------------------------------------------------------------------------


def test_a_profile_page_shows_the_name_whole(client: Client) -> None:
    lin = make_member(display_name="栄祥 林", organisation="Kyoto Gender Lab")

    response = client.get(f"/members/{lin.pk}/")

    assert response.status_code == 200
    body = response.content.decode()
    assert '<h1 id="member-name">栄祥 林</h1>' in body
    assert "Kyoto Gender Lab" in body


def test_a_profile_page_takes_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries: object
) -> None:
    lin = make_member(display_name="栄祥 林", languages=["ja", "en", "fr"])
    client.get("/")  # warm the cached site settings, as on a running site

    # The count must not grow with the member's languages or expertise.
    with django_assert_max_num_queries(6):  # type: ignore[operator]  # pytest-django fixture
        client.get(f"/members/{lin.pk}/")


# 2. A service ----------------------------------------------------------------------


def test_update_profile_renders_the_bio_once_and_sanitises_it(member: Member) -> None:
    changes = services.ProfileChanges(
        display_name="Nadège Mamas MAVOUNGOU", country="CG", city="Brazzaville",
        organisation="", job_title="", languages=["fr"], expertise=["evaluation"],
        time_zone="Africa/Brazzaville", interface_language="fr",
        bio="Formatrice *engagée* <script>alert(1)</script>", show_email=False,
    )  # fmt: skip

    services.update_profile(member, member, changes)

    member.refresh_from_db()
    assert member.bio_html == "<p>Formatrice <em>engagée</em> </p>\n"
    assert [tag.name for tag in member.expertise.all()] == ["evaluation"]


# 3. A permission -------------------------------------------------------------------


def test_a_members_only_profile_is_hidden_from_visitors(member: Member) -> None:
    member.profile_visibility = Visibility.MEMBERS
    other = make_member(display_name="Another Member")

    assert can_view_profile(other, member)
    assert not can_view_profile(AnonymousUser(), member)


def test_the_service_refuses_to_edit_someone_elses_profile(member: Member) -> None:
    other = make_member(display_name="Another Member")
    changes = services.ProfileChanges(
        display_name="Changed", country="", city="", organisation="", job_title="",
        languages=[], expertise=[], time_zone="UTC", interface_language="en", bio="",
        show_email=False,
    )  # fmt: skip

    with pytest.raises(PermissionDenied):
        services.update_profile(other, member, changes)
