"""The parts of a forum page that are the same for every viewer, rendered once.

The head (where the forum is, its title and description), the language filter, the page
links and the feed links read the forum, the chosen language and the page only; they are
cached under a key made of every value of these they show.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from tertulia.forums.fragments import FRAGMENT_SECONDS
from tertulia.forums.queries.forums import ForumPage


@dataclass(frozen=True)
class ForumParts:
    head: SafeString
    filters: SafeString
    pagination: SafeString
    feeds: SafeString
    feed_links: SafeString


def forum_parts(data: ForumPage, *, query_string: str) -> ForumParts:
    """The head, filter, page links and feed links of this page of the forum."""
    forum, page = data.forum, data.page
    shown = (
        forum.title,
        forum.slug,
        forum.description,
        forum.description_html,
        forum.read_access,
        data.language,
        data.language_choices,
        page.number,
        page.paginator.num_pages,
        query_string,
    )
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()
    key = f"forums:forum-parts:{forum.pk}:{translation.get_language()}:{digest}"
    cached: tuple[str, ...] | None = cache.get(key)
    if cached is None:
        context = {
            "forum": forum,
            "language": data.language,
            "language_choices": data.language_choices,
        }
        cached = (
            render_to_string("forums/_forum_head.html", context),
            render_to_string("forums/_forum_filters.html", context),
            render_to_string(
                "core/pagination_partial.html", {"page": page, "query_string": query_string}
            ),
            render_to_string("forums/_forum_feeds.html", context),
            render_to_string("forums/_forum_feed_links.html", context),
        )
        cache.set(key, cached, FRAGMENT_SECONDS)
    head, filters, pagination, feeds, feed_links = (mark_safe(part) for part in cached)  # noqa: S308  # our templates
    return ForumParts(
        head=head, filters=filters, pagination=pagination, feeds=feeds, feed_links=feed_links
    )
