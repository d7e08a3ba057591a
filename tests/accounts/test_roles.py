"""Each role's access to member, facilitator and staff pages."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import can_access_facilitator_area
from tests.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "profile_edit", "facilitate", "admin"),
    [
        ("visitor", 302, 302, 302),
        ("member", 200, 403, 302),
        ("facilitator", 200, 200, 302),
        ("staff", 200, 200, 200),
    ],
)
def test_each_role_reaches_its_pages(
    request: pytest.FixtureRequest, who: str, profile_edit: int, facilitate: int, admin: int
) -> None:
    client: Client = request.getfixturevalue(f"{who}_client") if who != "visitor" else Client()
    assert client.get("/account/profile/").status_code == profile_edit
    assert client.get("/facilitate/").status_code == facilitate
    assert client.get("/admin/").status_code == admin


def test_a_member_is_told_why_the_facilitator_area_is_closed(member_client: Client) -> None:
    response = member_client.get("/facilitate/")
    assert "This area is for facilitators." in response.content.decode()


def test_the_header_links_to_the_areas_the_viewer_may_use(
    member_client: Client, facilitator_client: Client, staff_client: Client
) -> None:
    member_page = member_client.get("/").content.decode()
    assert 'href="/facilitate/"' not in member_page
    assert 'href="/admin/"' not in member_page
    assert 'href="/facilitate/"' in facilitator_client.get("/").content.decode()
    staff_page = staff_client.get("/").content.decode()
    assert 'href="/facilitate/"' in staff_page
    assert 'href="/admin/"' in staff_page


def test_a_deactivated_facilitator_loses_the_area(facilitator: Member) -> None:
    assert can_access_facilitator_area(facilitator)
    facilitator.is_active = False
    assert not can_access_facilitator_area(facilitator)


def test_staff_can_change_a_members_role_in_the_admin(staff_client: Client) -> None:
    member = make_member(display_name="Future Facilitator")
    response = staff_client.get(f"/admin/accounts/member/{member.pk}/change/")
    assert response.status_code == 200
    assert 'name="role"' in response.content.decode()
