"""Editing: facilitators always, the submitter only while the suggestion waits."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.library.models import Resource, ResourceLanguage, ResourceStatus
from tests.factories import make_member
from tests.library.conftest import form_data, page_text
from tests.library.factories import PDF, make_resource

pytestmark = pytest.mark.django_db

OnCommit = Callable[..., AbstractContextManager[Any]]


def signed_in(member: Member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def test_the_submitter_edits_while_the_suggestion_waits(member: Member) -> None:
    resource = make_resource(status=ResourceStatus.PENDING, submitted_by=member)
    browser = signed_in(member)

    assert browser.get(f"/resources/{resource.pk}/edit/").status_code == 200
    response = browser.post(
        f"/resources/{resource.pk}/edit/",
        form_data(title="Manual (second edition)", languages=["fr"]),
    )

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Manual (second edition)"
    assert resource.slug == "manual-second-edition"
    assert resource.status == ResourceStatus.PENDING
    codes = ResourceLanguage.objects.filter(resource=resource).values_list("code", flat=True)
    assert list(codes) == ["fr"]


def test_the_submitter_cannot_edit_once_reviewed(member: Member) -> None:
    resource = make_resource(submitted_by=member)
    browser = signed_in(member)

    response = browser.post(f"/resources/{resource.pk}/edit/", form_data(title="Changed"))

    assert response.status_code == 403
    assert "only facilitators can change it" in page_text(response)
    resource.refresh_from_db()
    assert resource.title == "Gender equality training manual"


def test_other_members_and_visitors_cannot_edit(client: Client, member_client: Client) -> None:
    published = make_resource()
    waiting = make_resource(status=ResourceStatus.PENDING)

    assert member_client.post(f"/resources/{published.pk}/edit/", form_data()).status_code == 403
    # A suggestion is not even visible to others.
    assert member_client.get(f"/resources/{waiting.pk}/edit/").status_code == 404
    assert client.get(f"/resources/{published.pk}/edit/")["Location"].startswith("/accounts/login/")


def test_a_facilitator_replaces_a_link_with_a_file_and_back(
    facilitator_client: Client, tmp_path: Path, django_capture_on_commit_callbacks: OnCommit
) -> None:
    resource = make_resource(url="https://example.org/old")

    facilitator_client.post(
        f"/resources/{resource.pk}/edit/",
        form_data(url="https://example.org/old", file=SimpleUploadedFile("Guide.pdf", PDF)),
    )
    resource.refresh_from_db()
    assert resource.url == ""
    assert resource.file_name == "Guide.pdf"
    stored = tmp_path / resource.file.name
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):  # the old file goes after commit
        facilitator_client.post(
            f"/resources/{resource.pk}/edit/", form_data(url="https://example.org/new")
        )
    resource.refresh_from_db()
    assert resource.url == "https://example.org/new"
    assert not resource.file
    assert resource.file_name == ""
    assert resource.file_size == 0
    assert not stored.exists()


def test_editing_without_a_new_file_keeps_the_file(facilitator_client: Client) -> None:
    resource = make_resource(file_bytes=PDF)

    facilitator_client.post(f"/resources/{resource.pk}/edit/", form_data(url="", title="Renamed"))

    resource.refresh_from_db()
    assert resource.title == "Renamed"
    assert resource.file_name == "Manual.pdf"
    assert resource.url == ""


def test_the_edit_form_shows_the_current_values(facilitator_client: Client) -> None:
    resource = make_resource(languages=["es", "qu"], year=2019, organisation="CEPAL")
    body = page_text(facilitator_client.get(f"/resources/{resource.pk}/edit/"))
    assert 'value="CEPAL"' in body
    assert 'value="2019"' in body
    assert 'value="qu"' in body
    assert Resource.objects.count() == 1
    other = make_member()
    assert signed_in(other).get(f"/resources/{resource.pk}/edit/").status_code == 403
