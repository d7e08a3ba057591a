"""Fixtures shared by the trainings tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.http import HttpResponse
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    # A request as a Spanish- or French-speaking member leaves its language active in
    # the thread; each test starts in English, as a visitor's first request would.
    with translation.override("en"):
        yield


def page_text(response: HttpResponse) -> str:
    return response.content.decode()
