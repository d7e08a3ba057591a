"""The posts of a thread page as HTML: each post rendered once per revision and per kind
of viewer, then served from the cache.

A post's HTML (`_post.html`) reads the post, its `PostItem` (what the viewer is to the
post: theirs, new to them, liked, editable...), whether the viewer is a member, may
reply or moderates, and the page number. Those values, and nothing else, are the
template's context and the cache key, beside the thread's revision, the page and the
locale. One cache entry per page and locale holds the HTML of every variant seen so far.
"""

from __future__ import annotations

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from tertulia.forums.fragments import (
    FRAGMENT_SECONDS,
    csrf_placeholder,
    locale_key,
    thread_version,
    with_csrf_token,
)
from tertulia.forums.models import Post
from tertulia.forums.queries.threads import PostItem, ThreadPage, posts_for_display

# A page read by many members gathers variants (new to some, liked by others); past
# this many, the entry starts again from the variants of the current request.
MAX_VARIANTS_PER_PAGE = 120

Variant = tuple[object, ...]


def _variant(item: PostItem, data: ThreadPage) -> Variant:
    """Everything the post's HTML depends on besides the post itself and the locale:
    the post's id, every value of its PostItem, and the page's viewer-wide values."""
    return (
        item.post.pk,
        *item[1:],
        data.viewer_is_member,
        data.can_reply,
        data.can_moderate,
    )


def _render_post(post: Post, item: PostItem, data: ThreadPage) -> str:
    return render_to_string(
        "forums/_post.html",
        {
            "post": post,
            "item": item,
            "viewer_is_member": data.viewer_is_member,
            "can_reply": data.can_reply,
            "can_moderate": data.can_moderate,
            "page_number": data.page.number,
            "csrf_token": csrf_placeholder(),
        },
    )


def render_posts(data: ThreadPage, *, csrf_token: str) -> SafeString:
    """The page's posts, one `<li>` each, for this viewer.

    Reads the full posts (one query and one for attachments) only when some post's HTML
    is not cached yet for this viewer's variant.
    """
    thread, page = data.thread, data.page
    key = f"forums:post-html:{thread.pk}:{thread_version(thread)}:{page.number}:{locale_key()}"
    rendered: dict[Variant, str] = cache.get(key) or {}
    variants = [(item, _variant(item, data)) for item in data.items]
    missing = [item for item, variant in variants if variant not in rendered]
    if missing:
        if len(rendered) + len(missing) > MAX_VARIANTS_PER_PAGE:
            rendered = {}
            missing = [item for item, _variant_key in variants]
        posts = posts_for_display(item.post.pk for item in missing)
        for item in missing:
            post = posts.get(item.post.pk)
            if post is not None:  # else moved by a merge since the page was read: next time
                rendered[_variant(item, data)] = _render_post(post, item, data)
        cache.set(key, rendered, FRAGMENT_SECONDS)
    html = "".join(rendered.get(variant, "") for _item, variant in variants)
    return mark_safe(with_csrf_token(html, csrf_token))  # noqa: S308  # rendered by our templates
