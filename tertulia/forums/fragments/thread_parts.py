"""The parts of a thread page that are the same for every viewer, rendered once.

The head (where the thread is, its title, badges, author and language), the feed links
and the page links read the thread, its forum and the page number only. They are cached
per thread revision, page and language, keyed by every value of the thread and forum
they show, so a renamed forum or a thread pinned by any means shows at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from tertulia.accounts.models import Member
from tertulia.forums.fragments import FRAGMENT_SECONDS, thread_version
from tertulia.forums.queries.threads import ThreadPage


@dataclass(frozen=True)
class ThreadParts:
    head: SafeString
    feeds: SafeString
    pagination: SafeString


def _key(data: ThreadPage) -> str:
    thread, forum, page = data.thread, data.thread.forum, data.page
    shown = (
        thread_version(thread),
        thread.title,
        thread.language,
        thread.is_pinned,
        thread.is_locked,
        thread.is_hidden,
        forum.pk,
        forum.title,
        forum.slug,
        forum.read_access,
        page.number,
        page.num_pages,
    )
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()
    return f"forums:thread-parts:{thread.pk}:{translation.get_language()}:{digest}"


def thread_parts(data: ThreadPage) -> ThreadParts:
    """The head, feed links and page links of this page of the thread."""
    key = _key(data)
    cached: tuple[str, str, str] | None = cache.get(key)
    if cached is None:
        thread, forum = data.thread, data.thread.forum
        # The author's name changes the thread's revision (services/revisions.py).
        names = Member.objects.filter(pk=thread.author_id).values_list("display_name", flat=True)
        author_name = next(iter(names), "")
        context = {"thread": thread, "forum": forum, "author_name": author_name}
        cached = (
            render_to_string("forums/_thread_head.html", context),
            render_to_string("forums/_thread_feeds.html", context),
            render_to_string("core/pagination_partial.html", {"page": data.page}),
        )
        cache.set(key, cached, FRAGMENT_SECONDS)
    head, feeds, pagination = (mark_safe(part) for part in cached)  # noqa: S308  # our templates
    return ThreadParts(head=head, feeds=feeds, pagination=pagination)
