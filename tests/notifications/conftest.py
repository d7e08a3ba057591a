from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tertulia.notifications import tasks
from tests.mailserver import _smtp_controller, smtp_server

__all__ = ["_smtp_controller", "smtp_server"]


@pytest.fixture(autouse=True)
def _no_pause_between_inline_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "INLINE_RETRY_PAUSE_SECONDS", 0)


@pytest.fixture
def deferring_tasks(settings: Any) -> None:
    """A task backend that can defer (run_after) and only records what is enqueued."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """`with commit(): ...` runs the block's on-commit callbacks (mail) as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
