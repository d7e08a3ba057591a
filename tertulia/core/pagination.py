"""Pagination that never fails on a bad page number."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def paginate(items: QuerySet[Any] | list[Any], page_number: str | None, per_page: int) -> Page[Any]:
    """The requested page; a missing, malformed or out-of-range number gives the nearest."""
    return Paginator(items, per_page).get_page(page_number)


def page_number_within(raw: str | None, num_pages: int) -> int:
    """A page number from the query string, clamped to 1..num_pages; malformed gives 1."""
    try:
        number = int(raw or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), num_pages)
