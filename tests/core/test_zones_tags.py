"""The `zones` template tags: a time in the viewer's and the organiser's zones, and a
localised date and time with the zone's abbreviation."""

from __future__ import annotations

from datetime import UTC, datetime

from django.template import Context, Template
from django.utils import translation

PARIS_AFTERNOON = datetime(2026, 5, 21, 13, 0, tzinfo=UTC)  # 15:00 CEST, 09:00 EDT


def render(source: str, **context: object) -> str:
    return Template("{% load zones %}" + source).render(Context(context))


def test_time_in_zones_puts_the_viewers_zone_first() -> None:
    html = render(
        "{% time_in_zones value viewer organiser %}",
        value=PARIS_AFTERNOON,
        viewer="Europe/Paris",
        organiser="America/New_York",
    )
    assert html == "15:00 CEST Paris · 09:00 EDT New York"

    html = render(
        "{% time_in_zones value viewer organiser %}",
        value=PARIS_AFTERNOON,
        viewer="America/New_York",
        organiser="Europe/Paris",
    )
    assert html == "09:00 EDT New York · 15:00 CEST Paris"


def test_time_in_zones_shows_one_part_for_the_same_zone() -> None:
    html = render("{% time_in_zones value zone zone %}", value=PARIS_AFTERNOON, zone="Europe/Paris")
    assert html == "15:00 CEST Paris"


def test_time_in_zones_names_the_day_when_it_differs() -> None:
    html = render(
        "{% time_in_zones value viewer organiser %}",
        value=PARIS_AFTERNOON,
        viewer="Europe/Paris",
        organiser="Pacific/Auckland",
    )
    assert html == "15:00 CEST Paris · 01:00 NZST Auckland (May 22)"


def test_zones_without_letters_show_their_offset() -> None:
    html = render(
        "{% time_in_zones value viewer organiser %}",
        value=PARIS_AFTERNOON,
        viewer="America/Sao_Paulo",
        organiser="Asia/Kolkata",
    )
    assert html == "10:00 UTC-3 Sao Paulo · 18:30 IST Kolkata"


def test_local_datetime_is_localised() -> None:
    value = datetime(2017, 5, 23, 13, 0, tzinfo=UTC)
    with translation.override("es"):
        html = render("{% local_datetime value zone %}", value=value, zone="Europe/Paris")
    assert html == "23 de mayo de 2017, 15:00 CEST"
    with translation.override("fr"):
        html = render("{% local_datetime value zone %}", value=value, zone="Europe/Paris")
    assert html == "23 mai 2017 à 15:00 CEST"
    html = render("{% local_datetime value zone %}", value=value, zone="America/New_York")
    assert html == "May 23, 2017, 09:00 EDT"


def test_zone_city_filter_and_empty_values() -> None:
    assert render("{{ zone|zone_city }}", zone="Australia/Sydney") == "Sydney"
    assert render("{% local_datetime value zone %}", value=None, zone="Europe/Paris") == ""
    assert render("{% time_in_zones value zone %}", value=None, zone="Europe/Paris") == ""


def test_utc_is_named_once() -> None:
    value = datetime(2017, 5, 23, 13, 0, tzinfo=UTC)
    html = render("{% time_in_zones value zone %}", value=value, zone="UTC")
    assert html == "13:00 UTC"
