"""The forum index's list of forums, rendered once for each state of the forums shown.

The list reads nothing about the viewer beyond which forums they may read. The forums'
own rows come first (one small query); the key is made of every field of theirs the
list shows, their revision (their last post's author and thread title, see
services/revisions.py) and the locale. Only when that key is new are the forums read
again with their last posts, and the list rendered.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from tertulia.accounts.permissions import Viewer
from tertulia.forums.fragments import FRAGMENT_SECONDS, locale_key
from tertulia.forums.queries import forums as forum_queries


def render_forum_list(viewer: Viewer) -> SafeString:
    shown = [
        (
            forum.pk,
            forum.revision,
            forum.title,
            forum.slug,
            forum.read_access,
            forum.write_access,
            forum.kind,
            forum.window_state(),
            forum.thread_count,
            forum.post_count,
            forum.last_post_id,
        )
        for forum in forum_queries.forum_index_states(viewer)
    ]
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()
    key = f"forums:index:{locale_key()}:{digest}"
    html: str | None = cache.get(key)
    if html is None:
        html = render_to_string(
            "forums/_forum_list.html", {"forums": forum_queries.forum_index(viewer)}
        )
        cache.set(key, html, FRAGMENT_SECONDS)
    return mark_safe(html)  # noqa: S308  # our template
