"""The home page: what the community is, what is happening now, and a call to join."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tertulia.accounts.middleware import zone_for
from tertulia.core.access import open_to_visitors
from tertulia.home import queries


@open_to_visitors
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "home/home.html", {"home": queries.home_page(request.user, zone_for(request))}
    )
