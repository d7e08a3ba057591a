"""Fixtures for the library tests: uploaded files land in a temporary folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.http import HttpResponse


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def page_text(response: HttpResponse) -> str:
    return response.content.decode()


def form_data(**overrides: object) -> dict[str, object]:
    """What the suggestion form sends for a plain link resource."""
    data: dict[str, object] = {
        "title": "Gender equality training manual",
        "kind": "manual",
        "description": "A practical manual for trainers who design gender equality courses.",
        "authors": "Lucy Ferguson",
        "organisation": "UN Women Training Centre",
        "year": "2016",
        "languages": ["en", "es"],
        "other_languages": "",
        "url": "https://trainingcentre.unwomen.org/manual",
    }
    data.update(overrides)
    return data
