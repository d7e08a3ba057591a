from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from tertulia.accounts.models import Member
from tests.factories import make_facilitator, make_member, make_staff


@pytest.fixture(autouse=True)
def _plain_static_files_and_fresh_cache(settings: Any) -> Iterator[None]:
    # Hashed static names need `collectstatic`; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Argon2 is the real hasher; it is slow on purpose, which tests need not pay for.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    # Tasks run inside the request that enqueues them; a test that wants to see what
    # was enqueued switches to the dummy backend itself.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db: None) -> Member:
    return make_member(
        display_name="Nadège Mamas MAVOUNGOU", email="nadege@example.org", country="CG"
    )


@pytest.fixture
def facilitator(db: None) -> Member:
    return make_facilitator(display_name="Ruya Leghari", email="ruya@example.org", country="DO")


@pytest.fixture
def staff(db: None) -> Member:
    return make_staff(display_name="栄祥 林", email="staff@example.org", country="JP")


@pytest.fixture
def member_client(member: Member) -> Client:
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def facilitator_client(facilitator: Member) -> Client:
    client = Client()
    client.force_login(facilitator)
    return client


@pytest.fixture
def staff_client(staff: Member) -> Client:
    client = Client()
    client.force_login(staff)
    return client
