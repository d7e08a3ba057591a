from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tertulia.accounts.demo import (
    DEMO_MEMBERS,
    FACILITATOR_PASSWORD,
    MEMBER_PASSWORD,
    STAFF_PASSWORD,
    demo_logins,
)
from tertulia.accounts.models import Expertise, Member, MemberLanguage, Role
from tertulia.core.languages import SPOKEN_LANGUAGE_CODES
from tertulia.core.models import SiteSettings
from tertulia.core.timezones import is_valid_zone

CONTINENT = {
    "CG": "Africa", "ET": "Africa", "KE": "Africa", "MA": "Africa", "NG": "Africa",
    "SN": "Africa", "ZA": "Africa",
    "IN": "Asia", "JP": "Asia", "KR": "Asia", "LB": "Asia", "NP": "Asia", "PH": "Asia",
    "PK": "Asia", "SG": "Asia", "VN": "Asia",
    "ES": "Europe", "FR": "Europe", "GB": "Europe", "IT": "Europe", "PL": "Europe",
    "SE": "Europe",
    "CA": "North America", "DO": "North America", "GT": "North America",
    "HT": "North America", "MX": "North America", "US": "North America",
    "AR": "South America", "BR": "South America", "CL": "South America",
    "CO": "South America", "PE": "South America",
    "AU": "Oceania", "FJ": "Oceania", "NZ": "Oceania",
}  # fmt: skip

Snapshot = list[tuple[Any, ...]]


def run_demo_data() -> str:
    out = StringIO()
    call_command("demo_data", force=True, stdout=out)
    return out.getvalue()


def snapshot() -> Snapshot:
    return [
        (
            m.email,
            m.display_name,
            m.country.code,
            m.city,
            m.organisation,
            m.bio_html,
            m.role,
            m.is_staff,
            sorted(lang.code for lang in m.languages.all()),
            sorted(tag.slug for tag in m.expertise.all()),
        )
        for m in Member.objects.order_by("email").prefetch_related("languages", "expertise")
    ]


def counts() -> tuple[int, int, int, int]:
    return (
        Member.objects.count(),
        MemberLanguage.objects.count(),
        Expertise.objects.count(),
        EmailAddress.objects.count(),
    )


@pytest.mark.django_db
def test_demo_data_creates_a_worldwide_active_community() -> None:
    run_demo_data()

    members = Member.objects.filter(is_active=True)
    countries = set(members.values_list("country", flat=True))
    assert members.count() >= 30
    assert len(countries) >= 15
    assert {CONTINENT[code] for code in countries} == {
        "Africa", "Asia", "Europe", "North America", "South America", "Oceania",
    }  # fmt: skip
    spoken = set(MemberLanguage.objects.values_list("code", flat=True))
    assert {"en", "es", "fr", "pt", "ar", "hi"} <= spoken
    assert set(members.values_list("interface_language", flat=True)) == {"en", "es", "fr"}


@pytest.mark.django_db
def test_demo_data_profiles_are_rendered_and_searchable() -> None:
    run_demo_data()

    member = Member.objects.get(email="aissatou.fall@demo.tertulia.example")
    assert member.display_name == "Aïssatou Ndiaye FALL"
    assert member.search_name == "aissatou ndiaye fall"
    assert "<strong>intégration du genre</strong>" in member.bio_html
    assert Member.objects.filter(display_name="سلمى بنّاني").exists()
    assert Member.objects.filter(show_email=True).exists()
    assert not Member.objects.filter(bio_html="").exists()


def test_demo_members_are_valid_specs() -> None:
    emails = [spec.email for spec in DEMO_MEMBERS]
    assert len(emails) == len(set(emails))
    for spec in DEMO_MEMBERS:
        assert spec.country in CONTINENT, spec.email
        assert is_valid_zone(spec.time_zone), spec.email
        assert set(spec.languages) <= SPOKEN_LANGUAGE_CODES, spec.email
        assert 1 <= len(spec.expertise) <= 4, spec.email
        assert spec.interface_language in {"en", "es", "fr"}, spec.email


@pytest.mark.django_db
def test_demo_passwords_pass_the_validators() -> None:
    for password in (FACILITATOR_PASSWORD, STAFF_PASSWORD, MEMBER_PASSWORD):
        validate_password(password)


@pytest.mark.django_db
def test_demo_facilitator_staff_and_member_can_sign_in() -> None:
    run_demo_data()

    roles = {}
    for label, email, password in demo_logins():
        client = Client()
        response = client.post("/accounts/login/", {"login": email, "password": password})
        assert response.status_code == 302, label
        assert response["Location"] == "/", label
        roles[label] = Member.objects.get(email=email)
    assert roles["Facilitator"].role == Role.FACILITATOR
    assert roles["Facilitator"].is_facilitator
    assert roles["Staff"].is_staff
    assert roles["Staff"].is_superuser
    assert roles["Member"].role == Role.MEMBER
    assert not roles["Member"].is_staff
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == len(DEMO_MEMBERS)


@pytest.mark.django_db
def test_demo_data_prints_the_logins_and_the_url() -> None:
    output = run_demo_data()

    assert "http://127.0.0.1:8000/" in output
    for _label, email, password in demo_logins():
        assert email in output
        assert password in output
    assert "facilitator@demo.tertulia.example" in output
    assert "staff@demo.tertulia.example" in output
    assert f"{len(DEMO_MEMBERS)} new" in output


@pytest.mark.django_db
def test_demo_data_twice_leaves_the_same_data() -> None:
    run_demo_data()
    first, first_counts = snapshot(), counts()

    output = run_demo_data()

    assert snapshot() == first
    assert counts() == first_counts
    assert "0 new" in output


@pytest.mark.django_db
def test_demo_data_resets_changed_passwords_and_reactivates(client: Client) -> None:
    run_demo_data()
    member = Member.objects.get(email="facilitator@demo.tertulia.example")
    member.set_password("someone-changed-this-one")
    member.is_active = False
    member.save()

    run_demo_data()

    assert client.login(email=member.email, password=FACILITATOR_PASSWORD)


@pytest.mark.django_db
def test_demo_data_names_the_community() -> None:
    run_demo_data()

    site = SiteSettings.current()
    assert site.community_name == "Tertulia — Training for Gender Equality"
    assert site.tagline


@pytest.mark.django_db
def test_the_demo_refuses_to_run_on_a_production_site() -> None:
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("demo_data", stdout=StringIO())
    assert not Member.objects.exists()
