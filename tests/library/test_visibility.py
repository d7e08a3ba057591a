"""Who sees what: published resources for everyone, suggestions for their submitter and
facilitators; the members-only setting keeps visitors out."""

from __future__ import annotations

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.library.models import ResourceStatus
from tests.library.conftest import page_text
from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db


def test_visitors_read_published_resources(client: Client) -> None:
    resource = make_resource(title="Typology on Training", description="**Types** of training.")

    response = client.get(f"/resources/{resource.pk}/{resource.slug}/")

    assert response.status_code == 200
    body = page_text(response)
    assert '<h1 id="resource-title">Typology on Training</h1>' in body
    assert "<strong>Types</strong>" in body
    assert "Edit" not in body.split("<main")[1]


@pytest.mark.parametrize("status", [ResourceStatus.PENDING, ResourceStatus.DECLINED])
def test_unpublished_resources_are_for_the_submitter_and_facilitators(
    status: str, member: Member, client: Client, facilitator_client: Client
) -> None:
    resource = make_resource(status=status, submitted_by=member, decline_reason="Duplicate.")
    url = f"/resources/{resource.pk}/{resource.slug}/"
    other = Client()
    other.force_login(make_resource().submitted_by)

    assert client.get(url).status_code == 404
    assert other.get(url).status_code == 404
    submitter = Client()
    submitter.force_login(member)
    assert submitter.get(url).status_code == 200
    review = page_text(facilitator_client.get(url))
    if status == ResourceStatus.DECLINED:
        assert "Duplicate." in review
    else:
        assert "Publish" in review


def test_a_wrong_slug_redirects_to_the_right_address(client: Client) -> None:
    resource = make_resource(title="Care economy lectures")

    for url in (f"/resources/{resource.pk}/old-title/", f"/resources/{resource.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/resources/{resource.pk}/care-economy-lectures/"
    assert client.get("/resources/999/anything/").status_code == 404


def test_a_members_only_community_sends_visitors_to_sign_in(
    client: Client, member_client: Client
) -> None:
    resource = make_resource()
    settings = SiteSettings.current()
    settings.members_only = True
    settings.save()

    for url in (
        "/resources/",
        f"/resources/{resource.pk}/{resource.slug}/",
        f"/resources/{resource.pk}/download/",
    ):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    assert member_client.get("/resources/").status_code == 200


def test_the_navigation_links_to_the_library(client: Client) -> None:
    assert '<a href="/resources/" aria-current="page">' in page_text(client.get("/resources/"))


def test_related_dialogues_and_events_are_linked(client: Client) -> None:
    from datetime import date

    from tests.dialogues.factories import make_dialogue
    from tests.events.factories import make_event

    resource = make_resource()
    dialogue = make_dialogue(
        number=11,
        title="Intersectionality",
        opens_on=date(2017, 10, 2),
        closes_on=date(2017, 10, 22),
    )
    event = make_event(title="Webinar on intersectionality")
    resource.related_dialogues.add(dialogue)
    resource.related_events.add(event)

    body = page_text(client.get(f"/resources/{resource.pk}/{resource.slug}/"))

    assert f'href="/dialogues/11/{dialogue.slug}/"' in body
    assert "Virtual dialogue 11: Intersectionality" in body
    assert f'href="/events/{event.pk}/{event.slug}/"' in body
