"""Editing one's profile: every field, the avatar, and bad input that saves nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from PIL import Image

from tertulia.accounts import services
from tertulia.accounts.models import Member
from tests.factories import make_member
from tests.images import GPS_IFD, decompression_bomb, jpeg_with_gps, png, upload

pytestmark = pytest.mark.django_db

URL = "/account/profile/"


def profile_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "display_name": "Nadège Mamas MAVOUNGOU",
        "country": "CG",
        "city": "Brazzaville",
        "organisation": "Réseau des femmes formatrices",
        "job_title": "Gender trainer",
        "languages": ["fr", "ln"],
        "expertise": "feminist pedagogy, evaluation of training",
        "time_zone": "Africa/Brazzaville",
        "interface_language": "fr",
        "bio": "Je forme des **formatrices** depuis 2009. <script>alert(1)</script>",
        "show_email": "",
        "profile_visibility": "everyone",
    }
    data.update(changes)
    return data


def test_a_member_saves_every_profile_field(member_client: Client, member: Member) -> None:
    response = member_client.post(URL, profile_data())
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.city == "Brazzaville"
    assert member.organisation == "Réseau des femmes formatrices"
    assert member.country.code == "CG"
    assert member.time_zone == "Africa/Brazzaville"
    assert member.interface_language == "fr"
    assert sorted(lang.code for lang in member.languages.all()) == ["fr", "ln"]
    assert sorted(tag.name for tag in member.expertise.all()) == [
        "evaluation of training",
        "feminist pedagogy",
    ]
    assert "<strong>formatrices</strong>" in member.bio_html
    assert "<script" not in member.bio_html

    page = member_client.get(f"/members/{member.pk}/").content.decode()
    assert "<strong>formatrices</strong>" in page
    assert "Brazzaville" in page


def test_the_avatar_is_re_encoded_small_and_stripped_of_gps(
    member_client: Client, member: Member
) -> None:
    photo = jpeg_with_gps(size=(1600, 1200))
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(GPS_IFD)

    response = member_client.post(URL, profile_data(avatar=upload("IMG_2041 é.jpg", photo)))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.avatar.name.startswith("avatars/")
    assert "IMG_2041" not in member.avatar.name
    with member.avatar.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "WEBP"
        assert max(image.size) <= 256
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert 0x010F not in exif


def test_a_transparent_png_avatar_is_accepted(member_client: Client, member: Member) -> None:
    response = member_client.post(URL, profile_data(avatar=upload("me.png", png(), "image/png")))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.avatar


def test_removing_the_avatar(member_client: Client, member: Member) -> None:
    member_client.post(URL, profile_data(avatar=upload("me.png", png(), "image/png")))
    member_client.post(URL, profile_data(remove_avatar="on"))
    member.refresh_from_db()
    assert not member.avatar


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"avatar": upload("big.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024))},
            "avatar",
            "the limit is 2",
        ),
        (
            {"avatar": upload("notes.png", b"just some text, not a picture\n" * 20, "image/png")},
            "avatar",
            "not an image",
        ),
        (
            {"avatar": upload("bomb.png", decompression_bomb(), "image/png")},
            "avatar",
            "too large in pixels",
        ),
        ({"city": "x" * 100_000}, "city", "at most 120 characters"),
        ({"bio": "y" * 100_000}, "bio", "at most 4000 characters"),
        ({"organisation": "z" * 100_000}, "organisation", "at most 120 characters"),
        ({"display_name": ""}, "display_name", "Enter the name"),
        ({"display_name": " \t "}, "display_name", "Enter the name"),
        ({"display_name": "Nad\u202eège"}, "display_name", "text-direction"),
        ({"display_name": "Nadège\x00"}, "display_name", "Null characters are not allowed"),
        ({"time_zone": "Europe/Atlantis"}, "time_zone", "Choose a time zone from the list"),
        ({"country": "XX"}, "country", "Choose a country from the list"),
        ({"languages": ["fr", "klingon"]}, "languages", "Choose languages from the list"),
        ({"interface_language": "de"}, "interface_language", "Select a valid choice"),
        ({"profile_visibility": "nobody"}, "profile_visibility", "Select a valid choice"),
        ({"expertise": ", ".join(f"topic {n}" for n in range(20))}, "expertise", "at most 15"),
    ],
)
def test_bad_profile_input_gets_a_message_at_the_field_and_saves_nothing(
    member_client: Client, member: Member, changes: dict[str, Any], field: str, message: str
) -> None:
    before = Member.objects.values().get(pk=member.pk)
    response = member_client.post(URL, profile_data(**changes))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body
    assert message in body
    assert "Nothing has been saved yet" in body
    assert Member.objects.values().get(pk=member.pk) == before
    assert member.languages.count() == 0
    assert member.expertise.count() == 0


def test_a_member_cannot_edit_someone_else(member_client: Client) -> None:
    other = make_member(display_name="Someone Else")
    # There is no URL to edit another member; the service refuses too.
    with pytest.raises(PermissionDenied):
        services.update_profile(
            Member.objects.get(email="nadege@example.org"),
            other,
            services.ProfileChanges(
                display_name="Hacked",
                country="",
                city="",
                organisation="",
                job_title="",
                languages=[],
                expertise=[],
                time_zone="UTC",
                interface_language="en",
                bio="",
                show_email=False,
            ),
        )
    other.refresh_from_db()
    assert other.display_name == "Someone Else"


def test_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
