"""Every page carries a strict Content-Security-Policy and needs nothing inline to work."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tertulia.accounts.models import Member
from tests.factories import make_forum, make_member, make_thread
from tests.library.factories import PDF, make_resource

pytestmark = pytest.mark.django_db

EXPECTED_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parsed = {}
    for part in header.split(";"):
        name, _space, value = part.strip().partition(" ")
        parsed[name] = value
    return parsed


def pages(member: Member) -> list[str]:
    forum = make_forum(title="General Discussion Forum", slug="general")
    thread = make_thread(forum=forum, author=member, title="Power walk", body="**Hello**")
    return [
        "/",
        "/forums/",
        "/forums/general/",
        f"/forums/t/{thread.pk}/",
        "/search/?q=power",
        "/accessibility/",
        "/accounts/login/",
        "/accounts/signup/",
        "/no/such/page/",
    ]


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_pages_send_the_strict_policy_and_no_inline_code(signed_in: bool) -> None:
    member = make_member(display_name="Ana María Quispe")
    client = Client()
    if signed_in:
        client.force_login(member)
    for path in pages(member):
        response = client.get(path, follow=True)
        assert response.status_code in {200, 404}, path
        assert directives(response["Content-Security-Policy"]) == EXPECTED_DIRECTIVES, path
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        html = response.content.decode()
        # The policy would block these, so a page that relied on them would break.
        assert not re.search(r"<[a-z][^>]*\sstyle=", html), path
        assert not re.search(r"<style\b", html), path
        assert not re.search(r"<[a-z][^>]*\son[a-z]+=", html), path
        for script in re.findall(r"<script\b[^>]*>", html):
            assert " src=" in script or 'type="application/json"' in script, (path, script)


def test_htmx_is_told_not_to_inject_its_indicator_style(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '"includeIndicatorStyles":false' in html


def test_a_downloaded_file_keeps_its_own_sandboxing_policy(
    client: Client, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    resource = make_resource(file_bytes=PDF, file_name="manual.pdf")
    response = client.get(f"/resources/{resource.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
