"""The public archive: sent issues only, each edition readable, in few queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.newsletters.drafts import SectionDraft
from tertulia.newsletters.models import Issue, IssueStatus
from tertulia.newsletters.services.compose import save_edition
from tests.newsletters.newsletter_setup import TITLES, draft, make_issue, mark_sent

pytestmark = pytest.mark.django_db


def test_visitors_see_sent_issues_and_never_drafts(client: Client, facilitator: Member) -> None:
    sent = mark_sent(make_issue(facilitator, ("en", "es", "fr")))
    draft = make_issue(facilitator)
    sending = make_issue(facilitator)
    Issue.objects.filter(pk=sending.pk).update(status=IssueStatus.SENDING)

    archive = client.get("/newsletter/")
    page = archive.content.decode()

    assert archive.status_code == 200
    assert page.count(TITLES["en"]) == 1
    assert f'href="/newsletter/{sent.pk}/es/"' in page
    assert client.get(f"/newsletter/{sent.pk}/").status_code == 200
    for hidden in (draft, sending):
        assert client.get(f"/newsletter/{hidden.pk}/").status_code == 404
        assert client.get(f"/newsletter/{hidden.pk}/en/").status_code == 404


def test_the_issue_is_shown_in_the_readers_language_with_a_switch(
    client: Client, facilitator: Member
) -> None:
    issue = mark_sent(make_issue(facilitator, ("en", "es")))
    client.cookies["tertulia_language"] = "es"

    page = client.get(f"/newsletter/{issue.pk}/").content.decode()

    assert f"<h1>{TITLES['es']}</h1>" in page
    assert '<article lang="es"' in page
    assert "<strong>trabajo de cuidados</strong>" in page
    assert f'<a href="/newsletter/{issue.pk}/en/" lang="en" hreflang="en">English</a>' in page
    assert '<span aria-current="page" lang="es">Español</span>' in page


def test_without_their_language_readers_get_the_english_edition(
    client: Client, facilitator: Member
) -> None:
    issue = mark_sent(make_issue(facilitator, ("en", "es")))
    client.cookies["tertulia_language"] = "fr"

    page = client.get(f"/newsletter/{issue.pk}/").content.decode()

    assert f"<h1>{TITLES['en']}</h1>" in page
    assert client.get(f"/newsletter/{issue.pk}/fr/").status_code == 404
    assert client.get(f"/newsletter/{issue.pk}/xx/").status_code == 404


def test_a_members_only_community_keeps_its_archive_for_members(
    client: Client, member_client: Client, facilitator: Member
) -> None:
    issue = mark_sent(make_issue(facilitator))
    site = SiteSettings.current()
    site.members_only = True
    site.save()

    assert client.get(f"/newsletter/{issue.pk}/").status_code == 302
    assert member_client.get(f"/newsletter/{issue.pk}/").status_code == 200


def _issues(author: Member, count: int) -> None:
    for days_ago in range(count):
        mark_sent(make_issue(author, ("en", "es", "fr")), days_ago=days_ago + 1)


@pytest.mark.parametrize("count", [1, 6])
def test_the_archive_costs_the_same_however_many_issues(
    client: Client, facilitator: Member, count: int, django_assert_num_queries: Any
) -> None:
    _issues(facilitator, count)
    client.get("/newsletter/")  # site settings cached, as on a running site

    with django_assert_num_queries(3):  # count, the page of issues, their editions
        response = client.get("/newsletter/")

    assert response.content.decode().count(TITLES["en"]) == count


@pytest.mark.parametrize("sections", [1, 8])
def test_an_issue_page_costs_the_same_however_many_sections(
    client: Client, facilitator: Member, sections: int, django_assert_num_queries: Any
) -> None:
    issue = make_issue(facilitator, ("en", "es"))
    parts = [SectionDraft(heading=f"Part {n}", body=f"Text {n}.") for n in range(sections)]
    save_edition(facilitator, issue.pk, draft("en", sections=parts))
    mark_sent(issue)
    client.get(f"/newsletter/{issue.pk}/")

    with django_assert_num_queries(4):  # issue, editions, the edition, its sections
        response = client.get(f"/newsletter/{issue.pk}/en/")

    assert response.content.decode().count("<h2>Part ") == sections
