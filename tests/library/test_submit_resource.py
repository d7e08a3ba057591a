"""Suggesting a resource: members' suggestions wait for review, facilitators' are published."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import Client

from tertulia.accounts.models import Member
from tertulia.library.models import Resource, ResourceLanguage, ResourceStatus
from tests.library.conftest import form_data, page_text
from tests.library.factories import PDF, make_theme

pytestmark = pytest.mark.django_db


def test_a_members_suggestion_waits_for_review(member: Member, member_client: Client) -> None:
    theme = make_theme(name="Feminist pedagogy")

    response = member_client.post("/resources/submit/", form_data(themes=[theme.pk]))

    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/resources/{resource.pk}/{resource.slug}/"
    assert resource.status == ResourceStatus.PENDING
    assert resource.submitted_by == member
    assert resource.published_at is None
    assert resource.approved_by is None
    assert list(resource.themes.all()) == [theme]
    assert resource.languages == ["en", "es"]
    assert set(ResourceLanguage.objects.values_list("code", flat=True)) == {"en", "es"}
    assert resource.description_language == "en"
    assert "<p>A practical manual" in resource.description_html
    detail = page_text(member_client.get(response["Location"]))
    assert "waiting for a facilitator" in detail
    listing = page_text(member_client.get("/resources/"))
    assert "Your suggestions" in listing
    assert "Waiting for review" in listing
    assert "0 resources" in listing


def test_a_facilitators_resource_is_published_at_once(
    facilitator: Member, facilitator_client: Client
) -> None:
    facilitator_client.post("/resources/submit/", form_data())

    resource = Resource.objects.get()
    assert resource.status == ResourceStatus.PUBLISHED
    assert resource.approved_by == facilitator
    assert resource.published_at is not None
    assert mail.outbox == []
    assert "Gender equality training manual" in page_text(Client().get("/resources/"))


def test_an_uploaded_file_keeps_its_name_and_size_under_a_generated_name(
    member_client: Client, tmp_path: Path
) -> None:
    upload = SimpleUploadedFile("Évaluation du changement 2017.pdf", PDF, "application/pdf")

    member_client.post("/resources/submit/", form_data(url="", file=upload))

    resource = Resource.objects.get()
    assert resource.file_name == "Évaluation du changement 2017.pdf"
    assert resource.file_size == len(PDF)
    assert resource.file_content_type == "application/pdf"
    assert "Évaluation" not in resource.file.name
    assert resource.file.name.endswith(".pdf")
    assert (tmp_path / resource.file.name).read_bytes() == PDF
    detail = page_text(member_client.get(f"/resources/{resource.pk}/{resource.slug}/"))
    assert "Évaluation du changement 2017.pdf" in detail
    assert f"PDF document, {filesizeformat(len(PDF))}" in detail


def test_the_description_language_is_detected() -> None:
    from tertulia.library.services.resources import submit_resource
    from tests.factories import make_member

    resource = submit_resource(
        make_member(),
        title="Escuela de formación feminista",
        kind="manual",
        description="La capacitación de género debería realizarse sobre la base de las "
        "escuelas de formación feminista que promueven el empoderamiento colectivo.",
        url="https://example.org/escuela",
    )
    assert resource.description_language == "es"


def test_other_language_codes_are_added(member_client: Client) -> None:
    member_client.post("/resources/submit/", form_data(languages=["fr"], other_languages="pt, SW"))
    assert Resource.objects.get().languages == ["fr", "pt", "sw"]


def test_visitors_are_sent_to_sign_in(client: Client) -> None:
    assert client.get("/resources/submit/")["Location"].startswith("/accounts/login/")
    response = client.post("/resources/submit/", form_data())
    assert response["Location"].startswith("/accounts/login/")
    assert not Resource.objects.exists()


def test_the_form_page_is_accessible(member_client: Client) -> None:
    body = page_text(member_client.get("/resources/submit/"))
    assert '<label for="id_title">' in body
    assert 'enctype="multipart/form-data"' in body
    assert "style=" not in body.split("<main")[1]
    assert "<script" not in body.split("<main")[1]
