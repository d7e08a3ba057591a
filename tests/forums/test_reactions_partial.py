"""The likes and bookmark buttons under a post, with and without htmx."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.forums.models import Post
from tertulia.forums.queries.reactions import post_for_reactions
from tertulia.forums.services.reactions import like_post
from tertulia.forums.views.reactions import reactions_context
from tests.factories import make_member, make_thread

pytestmark = pytest.mark.django_db


def render(viewer: Viewer, post: Post) -> str:
    request = RequestFactory().get("/")
    request.user = viewer
    shown = post_for_reactions(viewer, post.pk)
    return render_to_string(
        "forums/_post_reactions.html", reactions_context(viewer, shown), request=request
    )


def test_the_partial_shows_the_count_and_a_like_button(member: Member) -> None:
    post = make_thread().posts.get()
    like_post(make_member(), post)

    html = render(member, post)

    assert f'<a href="/forums/p/{post.pk}/likes/">1 like</a>' in html
    assert f'action="/forums/p/{post.pk}/like/"' in html
    assert ">Like<" in html
    assert f'action="/forums/p/{post.pk}/bookmark/"' in html
    assert "csrfmiddlewaretoken" in html


def test_after_liking_the_button_offers_unlike(member: Member) -> None:
    post = make_thread().posts.get()
    like_post(member, post)

    html = render(member, post)

    assert f'action="/forums/p/{post.pk}/unlike/"' in html
    assert ">Unlike<" in html


def test_no_like_button_on_ones_own_post_nor_for_visitors(member: Member) -> None:
    post = make_thread(author=member).posts.get()

    assert "/like/" not in render(member, post)
    assert "<form" not in render(AnonymousUser(), post)


def test_htmx_gets_only_the_partial_with_the_new_count(member_client: Client) -> None:
    post = make_thread().posts.get()
    like_post(make_member(), post)

    response = member_client.post(f"/forums/p/{post.pk}/like/", HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="post-reactions-{post.pk}"' in html
    assert "2 likes" in html
    assert ">Unlike<" in html


def test_htmx_bookmark_swaps_in_remove_bookmark(member_client: Client) -> None:
    post = make_thread().posts.get()

    response = member_client.post(f"/forums/p/{post.pk}/bookmark/", HTTP_HX_REQUEST="true")

    assert "Remove bookmark" in response.content.decode()
