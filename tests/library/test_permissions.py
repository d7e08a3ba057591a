"""Who may do what with a resource, at every stage of its review."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tertulia.accounts.models import Member
from tertulia.library.models import ResourceStatus
from tertulia.library.permissions import (
    can_edit_resource,
    can_review_resources,
    can_submit_resource,
    can_view_resource,
)
from tests.factories import make_facilitator, make_member
from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db

PENDING, PUBLISHED, DECLINED = (
    ResourceStatus.PENDING,
    ResourceStatus.PUBLISHED,
    ResourceStatus.DECLINED,
)


@pytest.fixture
def people() -> dict[str, object]:
    submitter = make_member(display_name="Submitter")
    inactive = make_member(display_name="Gone")
    Member.objects.filter(pk=inactive.pk).update(is_active=False)
    inactive.refresh_from_db()
    return {
        "visitor": AnonymousUser(),
        "member": make_member(),
        "submitter": submitter,
        "facilitator": make_facilitator(),
        "inactive submitter": inactive,
    }


# (who, status) -> (may view, may edit)
EXPECTED = {
    ("visitor", PUBLISHED): (True, False),
    ("visitor", PENDING): (False, False),
    ("visitor", DECLINED): (False, False),
    ("member", PUBLISHED): (True, False),
    ("member", PENDING): (False, False),
    ("member", DECLINED): (False, False),
    ("submitter", PUBLISHED): (True, False),
    ("submitter", PENDING): (True, True),
    ("submitter", DECLINED): (True, False),
    ("facilitator", PUBLISHED): (True, True),
    ("facilitator", PENDING): (True, True),
    ("facilitator", DECLINED): (True, True),
    ("inactive submitter", PENDING): (False, False),
}


@pytest.mark.parametrize(("who", "status"), list(EXPECTED))
def test_view_and_edit(who: str, status: str, people: dict[str, object]) -> None:
    submitter = people["inactive submitter" if who == "inactive submitter" else "submitter"]
    resource = make_resource(status=status, submitted_by=submitter)  # type: ignore[arg-type]
    viewer = people[who]

    assert (
        can_view_resource(viewer, resource),  # type: ignore[arg-type]
        can_edit_resource(viewer, resource),  # type: ignore[arg-type]
    ) == EXPECTED[(who, status)]


def test_submit_and_review(people: dict[str, object]) -> None:
    answers = {
        who: (can_submit_resource(viewer), can_review_resources(viewer))  # type: ignore[arg-type]
        for who, viewer in people.items()
    }
    assert answers == {
        "visitor": (False, False),
        "member": (True, False),
        "submitter": (True, False),
        "facilitator": (True, True),
        "inactive submitter": (False, False),
    }
