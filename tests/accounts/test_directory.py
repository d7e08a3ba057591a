"""The member directory: search, filters, pagination, visibility and its query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tertulia.accounts.models import Expertise, Member, Visibility
from tests.factories import make_member

pytestmark = pytest.mark.django_db

URL = "/members/"


def names(client: Client, query: str = "") -> list[str]:
    response = client.get(URL + query)
    assert response.status_code == 200
    return [m.display_name for m in response.context["page"].object_list]


def tag(member: Member, *names_: str) -> None:
    for name in names_:
        expertise, _ = Expertise.objects.get_or_create(slug=name.replace(" ", "-"), name=name)
        member.expertise.add(expertise)


@pytest.fixture
def community(db: None) -> dict[str, Member]:
    people = {
        "nadege": make_member(display_name="Nadège Ibinga Moukala", country="CG",
                              organisation="Réseau Femmes", languages=["fr", "ln"]),
        "lin": make_member(display_name="栄祥 林", country="JP", organisation="Kyoto Gender Lab",
                           languages=["ja", "en"]),
        "jose": make_member(display_name="José Álvarez Peña", country="MX",
                            organisation="Red Mexicana", languages=["es", "en"]),
        "maria": make_member(display_name="MARÍA JOSÉ Quispe", country="PE",
                             organisation="Red Mexicana", languages=["es", "qu"]),
        "aroha": make_member(display_name="Aroha Ngata", country="NZ", languages=["en", "mi"],
                             profile_visibility=Visibility.MEMBERS),
        "gone": make_member(display_name="José Gone", country="MX", is_active=False),
    }  # fmt: skip
    tag(people["nadege"], "feminist pedagogy")
    tag(people["jose"], "feminist pedagogy", "evaluation")
    tag(people["lin"], "evaluation")
    return people


@pytest.mark.usefixtures("community")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=jose", ["José Álvarez Peña", "MARÍA JOSÉ Quispe"]),
        ("?q=JOSÉ", ["José Álvarez Peña", "MARÍA JOSÉ Quispe"]),
        ("?q=nadege+ibinga", ["Nadège Ibinga Moukala"]),
        ("?q=%E6%9E%97", ["栄祥 林"]),  # 林
        ("?q=pena", ["José Álvarez Peña"]),
        ("?country=MX", ["José Álvarez Peña"]),
        ("?language=es", ["José Álvarez Peña", "MARÍA JOSÉ Quispe"]),
        ("?language=es&country=PE", ["MARÍA JOSÉ Quispe"]),
        ("?expertise=feminist-pedagogy", ["José Álvarez Peña", "Nadège Ibinga Moukala"]),
        ("?organisation=red+mexicana", ["José Álvarez Peña", "MARÍA JOSÉ Quispe"]),
        ("?q=nobody-has-this-name", []),
        ("?country=ZZ&language=xx", []),
    ],
)
def test_search_and_filters_are_accent_and_case_insensitive(
    member_client: Client, query: str, expected: list[str]
) -> None:
    assert sorted(names(member_client, query)) == sorted(expected)


def test_deactivated_members_are_never_listed(
    member_client: Client, community: dict[str, Member]
) -> None:
    assert "José Gone" not in names(member_client)


def test_visitors_do_not_see_members_only_profiles(
    client: Client, community: dict[str, Member]
) -> None:
    assert "Aroha Ngata" not in names(client)
    assert client.get(f"/members/{community['aroha'].pk}/").status_code == 403


def test_members_see_members_only_profiles(
    member_client: Client, community: dict[str, Member]
) -> None:
    assert "Aroha Ngata" in names(member_client)
    assert member_client.get(f"/members/{community['aroha'].pk}/").status_code == 200


def test_email_is_hidden_unless_the_member_shows_it(
    member_client: Client, client: Client, community: dict[str, Member]
) -> None:
    lin = community["lin"]
    assert lin.email not in member_client.get(f"/members/{lin.pk}/").content.decode()
    Member.objects.filter(pk=lin.pk).update(show_email=True)
    assert lin.email in member_client.get(f"/members/{lin.pk}/").content.decode()
    # Visitors never see an address.
    assert lin.email not in client.get(f"/members/{lin.pk}/").content.decode()


def test_filter_choices_offer_only_what_exists(
    member_client: Client, community: dict[str, Member]
) -> None:
    form = member_client.get(URL).context["form"]
    countries = [code for code, _ in form.fields["country"].choices if code]
    assert sorted(countries) == ["CG", "JP", "MX", "NZ", "PE"]
    assert "Lingala" in dict(form.fields["language"].choices).values()


def test_pages_hold_24_members_and_a_bad_page_number_shows_a_page(member_client: Client) -> None:
    for n in range(30):
        make_member(display_name=f"Trainer {n:02d}")
    assert len(names(member_client)) == 24
    assert len(names(member_client, "?page=2")) == 7  # 30 trainers and the signed-in member
    assert len(names(member_client, "?page=999")) == 7
    assert len(names(member_client, "?page=abc")) == 24


def _count_queries(client: Client) -> int:
    client.get(URL)  # warm the site-settings cache, as a running site has it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL + "?language=en")
    assert response.status_code == 200
    return len(queries)


def test_the_directory_query_count_does_not_grow_with_members(member_client: Client) -> None:
    for n in range(10):
        member = make_member(
            display_name=f"Early {n}",
            country=["FR", "SN", "CO"][n % 3],
            organisation=f"Org {n % 4}",
            languages=["en", "fr"],
        )
        tag(member, f"topic {n % 5}", "evaluation")
    with_10 = _count_queries(member_client)

    for n in range(90):
        member = make_member(
            display_name=f"Later {n}",
            country=["KE", "IN", "AR", "AU"][n % 4],
            organisation=f"Org {n % 7}",
            languages=["en", "es", "sw"],
        )
        tag(member, f"topic {n % 9}", "care economy")
    with_100 = _count_queries(member_client)

    assert with_10 == with_100
