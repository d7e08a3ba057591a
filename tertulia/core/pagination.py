"""Pagination that never fails on a bad page number."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def paginate(items: QuerySet[Any] | list[Any], page_number: str | None, per_page: int) -> Page[Any]:
    """The requested page; a missing, malformed or out-of-range number gives the nearest."""
    return Paginator(items, per_page).get_page(page_number)
