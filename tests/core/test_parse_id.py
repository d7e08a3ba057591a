"""Ids typed into URLs and forms: only plain ASCII digits become numbers."""

from __future__ import annotations

import pytest

from tertulia.core.validators import parse_id


@pytest.mark.parametrize(("raw", "expected"), [("42", 42), (" 7 ", 7), ("0", 0)])
def test_plain_digits_are_ids(raw: str, expected: int) -> None:
    assert parse_id(raw) == expected


@pytest.mark.parametrize("raw", ["", "²", "١٢", "-3", "4.5", "1e3", "9" * 19, "9" * 5000])
def test_anything_else_is_none(raw: str) -> None:
    assert parse_id(raw) is None
