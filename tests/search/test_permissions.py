"""Nobody finds what they may not see: members-only and facilitators-only forums, hidden,
unapproved and deleted posts, hidden threads, private profiles, a members-only community."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from tertulia.accounts.models import Member, Visibility
from tertulia.core.models import SiteSettings
from tertulia.forums.models import Access
from tests.factories import add_post, make_forum, make_member, make_thread
from tests.search.conftest import document, index, titles, urls

pytestmark = pytest.mark.django_db


def test_forum_read_access_decides_who_finds_threads_and_replies(
    member: Member, facilitator: Member
) -> None:
    for access in (Access.EVERYONE, Access.MEMBERS, Access.FACILITATORS):
        thread = make_thread(
            forum=make_forum(title=f"Forum for {access}", read_access=access),
            title=f"Mentoring {access}",
            body="Mentoring circles",
        )
        add_post(thread=thread, body="Mentoring works when it lasts.")

    assert set(titles("mentoring", AnonymousUser())) == {"Mentoring everyone"}
    assert set(titles("mentoring", member)) == {"Mentoring everyone", "Mentoring members"}
    assert set(titles("mentoring", facilitator)) == {
        "Mentoring everyone",
        "Mentoring members",
        "Mentoring facilitators",
    }
    # Replies follow their forum too: one per forum, titled by the thread.
    assert len(urls("lasts", AnonymousUser())) == 1
    assert len(urls("lasts", member)) == 2
    assert len(urls("lasts", facilitator)) == 3


def test_hidden_unapproved_posts_and_hidden_threads_are_found_by_nobody(
    facilitator: Member,
) -> None:
    thread = make_thread(title="Open thread", body="Visible opening")
    add_post(thread=thread, body="hiddenword in a hidden post", is_hidden=True)
    add_post(thread=thread, body="waitingword in a post awaiting approval", is_approved=False)
    make_thread(title="secretthread", body="in a hidden thread", is_hidden=True)

    for word in ("hiddenword", "waitingword", "secretthread"):
        assert urls(word, facilitator) == []


def test_thread_whose_opening_post_waits_for_approval_is_not_found(facilitator: Member) -> None:
    thread = make_thread(title="Pendingthread", body="first")
    thread.posts.filter(position=1).update(is_approved=False)
    thread.title = "Pendingthread again"
    thread.save()
    assert urls("pendingthread", facilitator) == []


def test_member_profiles_follow_their_visibility(member: Member) -> None:
    make_member(display_name="Amaru Quispe", organisation="Red de Formadoras")
    make_member(display_name="Amaru Mamani", profile_visibility=Visibility.MEMBERS)
    make_member(display_name="Amaru Condori", is_active=False)

    assert set(titles("amaru", AnonymousUser())) == {"Amaru Quispe"}
    assert set(titles("amaru", member)) == {"Amaru Quispe", "Amaru Mamani"}
    assert set(titles("formadoras", AnonymousUser())) == {"Amaru Quispe"}


def test_members_only_community_shows_visitors_nothing(member: Member) -> None:
    index(document(1, title="Public note"))
    settings_row = SiteSettings.current()
    settings_row.members_only = True
    settings_row.save()
    cache.clear()
    assert urls("note", AnonymousUser()) == []
    assert urls("note", member) == ["/notes/1/"]


def test_deactivated_member_cannot_find_members_only_content() -> None:
    index(document(1, title="Members note", access="members"))
    former = make_member(is_active=False)
    assert urls("note", former) == []
