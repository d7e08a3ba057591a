from __future__ import annotations

from django.http import HttpRequest

from tertulia.accounts.permissions import can_access_facilitator_area, is_staff


def viewer(request: HttpRequest) -> dict[str, object]:
    return {
        "viewer_is_facilitator": can_access_facilitator_area(request.user),
        "viewer_is_staff": is_staff(request.user),
    }
