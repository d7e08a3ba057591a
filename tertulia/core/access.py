"""Marks for views that a visitor may open even when the community is members-only."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

View = TypeVar("View", bound=Callable[..., object])


def open_to_visitors(view: View) -> View:
    """Let visitors reach this view in members-only mode (home, sign-in, language...)."""
    view.open_to_visitors = True  # type: ignore[attr-defined]  # a marker read by middleware
    return view


def is_open_to_visitors(view: Callable[..., object]) -> bool:
    return bool(getattr(view, "open_to_visitors", False))
