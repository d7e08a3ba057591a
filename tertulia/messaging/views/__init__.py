"""Private-message pages, one module per area; every page works without JavaScript."""

from __future__ import annotations

from django.http import HttpRequest

from tertulia.accounts.models import Member


def member_of(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user
