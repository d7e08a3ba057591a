"""A forum's thread list rows: rendered once per forum revision, page and locale, shared
by every viewer who sees the same threads, with each member's reading badges spliced in.

The rows (`_thread_rows.html`) read nothing about the viewer but the "New" / "3 unread"
badge. They are rendered with a marker where each badge goes and cached split at the
markers; a member's badges come from one small query on their read marks. Facilitators,
and members with a thread of their own waiting for approval, see other threads: their
rows are rendered as they are (ForumPage.rows_are_shared).
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import is_member
from tertulia.forums.fragments import FRAGMENT_SECONDS, forum_version, locale_key
from tertulia.forums.queries.forums import ForumPage
from tertulia.forums.queries.marks import read_marks
from tertulia.forums.templatetags.forum_reading import reading_badge_html

# Autoescaping turns any "<!--" a member writes into "&lt;!--": only the template makes these.
_MARKER = re.compile(r"<!--forums-reading:(\d+)-->")

# (thread id, its post count, its "first unread post" link) for each row, in order.
Row = tuple[int, int, str]


def _shared_rows(data: ForumPage) -> tuple[list[str], list[Row]]:
    """The rows' HTML split at the badge markers, and what the badges need; cached."""
    forum, page = data.forum, data.page
    key = (
        f"forums:thread-rows:{forum.pk}:{forum_version(forum)}:{page.number}:"
        f"{data.language}:{locale_key()}"
    )
    cached: tuple[list[str], list[Row]] | None = cache.get(key)
    if cached is not None:
        return cached
    threads = list(page.object_list)
    html = render_to_string(
        "forums/_thread_rows.html",
        {"threads": threads, "show_forum": False, "reading_markers": True},
    )
    chunks = _MARKER.split(html)[::2]  # the HTML around the markers; their ids are known
    rows = [
        (thread.pk, thread.post_count, reverse("thread-unread", kwargs={"thread_id": thread.pk}))
        for thread in threads
    ]
    cache.set(key, (chunks, rows), FRAGMENT_SECONDS)
    return chunks, rows


def render_forum_threads(request: HttpRequest, data: ForumPage) -> SafeString:
    """The forum page's thread rows for this viewer."""
    viewer = request.user
    if not data.rows_are_shared:
        return mark_safe(  # noqa: S308  # our template
            render_to_string(
                "forums/_thread_rows.html",
                {"threads": data.page.object_list, "show_forum": False, "user": viewer},
            )
        )
    chunks, rows = _shared_rows(data)
    if not (isinstance(viewer, Member) and is_member(viewer)) or not rows:
        return mark_safe("".join(chunks))  # noqa: S308  # our template
    read = read_marks(viewer.pk, [row[0] for row in rows])
    never_opened = reading_badge_html(last_read=None, unread=0)  # the same on every such row
    parts = [chunks[0]]
    for (thread_id, post_count, unread_url), after in zip(rows, chunks[1:], strict=True):
        last_read = read.get(thread_id)
        if last_read is None:
            parts.append(never_opened)
        elif post_count > last_read:
            parts.append(
                reading_badge_html(
                    last_read=last_read, unread=post_count - last_read, unread_url=unread_url
                )
            )
        parts.append(after)
    return mark_safe("".join(parts))  # noqa: S308  # our template and format_html
