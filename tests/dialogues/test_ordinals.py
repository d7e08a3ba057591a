"""A dialogue's number reads as an ordinal in each interface language."""

from __future__ import annotations

import pytest
from django.utils import translation

from tertulia.dialogues.ordinals import dialogue_name, ordinal


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"),
        (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"),
        (101, "101st"), (111, "111th"), (112, "112th"), (113, "113th"),
    ],
)  # fmt: skip
def test_english_ordinals_follow_the_st_nd_rd_th_rule(number: int, expected: str) -> None:
    assert ordinal(number, "en") == expected


@pytest.mark.parametrize(("number", "expected"), [(1, "1.º"), (2, "2.º"), (10, "10.º")])
def test_spanish_ordinals_take_the_masculine_indicator(number: int, expected: str) -> None:
    assert ordinal(number, "es") == expected


@pytest.mark.parametrize(("number", "expected"), [(1, "1er"), (2, "2e"), (10, "10e"), (21, "21e")])
def test_french_ordinals_say_premier_for_one(number: int, expected: str) -> None:
    assert ordinal(number, "fr") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "10th Virtual Dialogue"),
        ("es", "10.º Diálogo Virtual"),
        ("fr", "10e dialogue virtuel"),
    ],
)
def test_the_dialogue_name_is_translated_around_the_ordinal(language: str, expected: str) -> None:
    with translation.override(language):
        assert dialogue_name(10) == expected


def test_the_first_dialogue_in_french_is_the_premier() -> None:
    with translation.override("fr"):
        assert dialogue_name(1) == "1er dialogue virtuel"


def test_an_unknown_language_falls_back_to_english_ordinals() -> None:
    assert ordinal(3, "de") == "3rd"
