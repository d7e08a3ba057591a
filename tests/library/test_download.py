"""Downloading: counted once per download without races, served under the member's name."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.template.defaultfilters import filesizeformat
from django.test import Client

from tertulia.library.models import Resource, ResourceStatus
from tertulia.library.services.review import record_download
from tests.library.factories import PDF, make_resource

pytestmark = pytest.mark.django_db


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def downloads(resource: Resource) -> int:
    resource.refresh_from_db(fields=["download_count"])
    return resource.download_count


def test_a_file_is_served_as_an_attachment_under_its_unicode_name(client: Client) -> None:
    resource = make_resource(file_bytes=PDF, file_name="Évaluation du changement.pdf")

    response = client.get(f"/resources/{resource.pk}/download/")

    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Evaluation du changement.pdf"; '
        f"filename*=UTF-8''{quote('Évaluation du changement.pdf', safe='')}"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert downloads(resource) == 1


def test_each_download_counts(client: Client, member_client: Client) -> None:
    resource = make_resource(file_bytes=PDF)
    for browser in (client, member_client, client):
        body(browser.get(f"/resources/{resource.pk}/download/"))
    assert downloads(resource) == 3


def test_a_link_is_counted_then_followed(client: Client) -> None:
    resource = make_resource(url="https://www.ilo.org/gender/participatory-gender-audit")

    response = client.get(f"/resources/{resource.pk}/download/")

    assert response.status_code == 302
    assert response["Location"] == "https://www.ilo.org/gender/participatory-gender-audit"
    assert response["Referrer-Policy"] == "no-referrer"
    assert downloads(resource) == 1


def test_a_head_request_does_not_count(client: Client) -> None:
    resource = make_resource(file_bytes=PDF)
    assert client.head(f"/resources/{resource.pk}/download/").status_code == 200
    assert downloads(resource) == 0


def test_counting_adds_in_the_database_not_from_a_stale_copy() -> None:
    resource = make_resource(download_count=41)
    stale_a = Resource.objects.get(pk=resource.pk)
    stale_b = Resource.objects.get(pk=resource.pk)

    record_download(stale_a)
    record_download(stale_b)

    assert downloads(resource) == 43


def test_unpublished_resources_are_not_counted_and_hidden_from_others(
    client: Client, member_client: Client, facilitator_client: Client
) -> None:
    resource = make_resource(file_bytes=PDF, status=ResourceStatus.PENDING)

    assert client.get(f"/resources/{resource.pk}/download/").status_code == 404
    assert member_client.get(f"/resources/{resource.pk}/download/").status_code == 404
    response = facilitator_client.get(f"/resources/{resource.pk}/download/")
    assert response.status_code == 200
    body(response)
    assert downloads(resource) == 0


def test_a_missing_file_is_a_404_not_a_500(client: Client) -> None:
    resource = make_resource(file_bytes=PDF)
    resource.file.storage.delete(resource.file.name)

    assert client.get(f"/resources/{resource.pk}/download/").status_code == 404
    assert downloads(resource) == 0


def test_the_detail_page_tells_the_size_before_downloading(client: Client) -> None:
    resource = make_resource(file_bytes=PDF * 100, file_name="Informe.pdf")
    page = client.get(f"/resources/{resource.pk}/{resource.slug}/").content.decode()
    assert f"PDF document, {filesizeformat(len(PDF) * 100)}" in page  # "4.1\xa0KB"
    assert f'href="/resources/{resource.pk}/download/"' in page
