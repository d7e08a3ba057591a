"""Likes and bookmarks on posts: the buttons, who liked a post, and "My bookmarks".

Every button is a POST form that works without JavaScript (the answer is a redirect
back to the post); with htmx, the answer is the reactions partial alone, swapped in
place, so a like on a slow connection costs a few hundred bytes, not a page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_member
from tertulia.forums.models import Post
from tertulia.forums.queries.bookmarks import bookmarks_page
from tertulia.forums.queries.reactions import likers_page, post_for_reactions
from tertulia.forums.services.bookmarks import bookmark_post, remove_bookmark
from tertulia.forums.services.reactions import like_post, unlike_post


def _member(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user


def post_link(post_id: int) -> str:
    try:
        return reverse("post-permalink", kwargs={"post_id": post_id})
    except NoReverseMatch:  # the posting views name it; keep working while they do
        return f"/forums/p/{post_id}/"


def reactions_context(viewer: Viewer, post: Post) -> dict[str, object]:
    """What _post_reactions.html reads, for a post from post_for_reactions."""
    is_viewer_member = isinstance(viewer, Member) and is_member(viewer)
    return {
        "post": post,
        "viewer_is_member": is_viewer_member,
        "viewer_is_author": is_viewer_member and post.author_id == viewer.pk,
        "has_liked": bool(getattr(post, "viewer_has_liked", False)),
        "has_bookmarked": bool(getattr(post, "viewer_has_bookmarked", False)),
    }


def _after_action(request: HttpRequest, post_id: int) -> HttpResponse:
    """The reactions partial for htmx; otherwise back where the member was."""
    viewer = _member(request)
    if request.headers.get("HX-Request") == "true":
        post = post_for_reactions(viewer, post_id)
        return render(
            request, "forums/_post_reactions_partial.html", reactions_context(viewer, post)
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = post_link(post_id)
    return HttpResponseRedirect(target)


def _post_action(
    action: Callable[[Member, Post], bool],
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, post_id: int) -> HttpResponse:
        post = post_for_reactions(request.user, post_id)
        action(_member(request), post)
        return _after_action(request, post_id)

    view.__name__ = action.__name__
    view.__doc__ = action.__doc__
    return view


post_like = _post_action(like_post)
post_unlike = _post_action(unlike_post)
post_bookmark = _post_action(bookmark_post)
post_unbookmark = _post_action(remove_bookmark)


def post_likers(request: HttpRequest, post_id: int) -> HttpResponse:
    result = likers_page(request.user, post_id, request.GET.get("page"))
    return render(
        request,
        "forums/post_likers.html",
        {
            "post": result.post,
            "thread": result.post.thread,
            "page": result.page,
            "post_link": post_link(post_id),
        },
    )


@login_required
def bookmarks(request: HttpRequest) -> HttpResponse:
    page = bookmarks_page(_member(request), request.GET.get("page"))
    return render(request, "forums/bookmarks.html", {"page": page})


urlpatterns = [
    path("p/<int:post_id>/like/", post_like, name="post-like"),
    path("p/<int:post_id>/unlike/", post_unlike, name="post-unlike"),
    path("p/<int:post_id>/likes/", post_likers, name="post-likers"),
    path("p/<int:post_id>/bookmark/", post_bookmark, name="post-bookmark"),
    path("p/<int:post_id>/unbookmark/", post_unbookmark, name="post-unbookmark"),
    path("bookmarks/", bookmarks, name="bookmarks"),
]
