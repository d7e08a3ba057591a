"""Members are found by name, organisation, job title, city and expertise, as their
profile's visibility allows, and leave the index when they leave the community."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tertulia.accounts.models import Expertise, Member, Visibility
from tertulia.accounts.services import deactivate_member
from tests.factories import make_member
from tests.search.conftest import titles, urls

pytestmark = pytest.mark.django_db


def test_member_found_by_profile_fields() -> None:
    ayesha = make_member(
        display_name="Ayesha Siddiqa",
        organisation="Shirkat Gah",
        job_title="Trainer",
        city="Lahore",
    )
    ayesha.expertise.add(Expertise.objects.create(name="Care economy", slug="care-economy"))
    for text in ("ayesha", "shirkat", "lahore", "trainer", "care economy"):
        assert urls(text) == [f"/members/{ayesha.pk}/"], text


def test_profile_changes_and_expertise_renames_follow(member: Member) -> None:
    tag = Expertise.objects.create(name="Evaluation", slug="evaluation")
    member.expertise.add(tag)
    member.city = "Brazzaville"
    member.save()
    assert titles("brazzaville") == [member.display_name]
    tag.name = "Impact assessment"
    tag.save()
    assert titles("impact") == [member.display_name]
    assert urls("evaluation") == []
    member.expertise.remove(tag)
    assert urls("impact") == []


def test_visibility_change_and_deactivation(member: Member) -> None:
    member.profile_visibility = Visibility.MEMBERS
    member.save()
    assert urls("nadege", AnonymousUser()) == []
    assert urls("nadege", make_member()) == [f"/members/{member.pk}/"]
    deactivate_member(member)
    assert urls("nadege", make_member()) == []


def test_signing_in_does_not_touch_the_index(member: Member) -> None:
    with CaptureQueriesContext(connection) as captured:
        member.save(update_fields=["last_login"])
    assert not any("search_" in query["sql"] for query in captured.captured_queries)
