"""The "New" / "3 unread" badge of a thread in a list, for a signed-in member.

One definition for both ways a list is drawn: a template reads it from a thread the
query annotated (viewer_last_read, viewer_unread), and the cached thread rows of a forum
(forums/fragments/thread_rows.py) splice it in per member.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import ngettext, pgettext

from tertulia.forums.models import Thread

register = template.Library()


def reading_badge_html(
    *, last_read: int | None, unread: int, unread_url: str | None = None, thread_id: int = 0
) -> SafeString:
    """New when never opened; the number unread, linking to the first of them; else nothing."""
    if last_read is None:
        return format_html('<span class="badge badge-new">{}</span>', pgettext("thread", "New"))
    if unread > 0:
        url = unread_url or reverse("thread-unread", kwargs={"thread_id": thread_id})
        label = ngettext("%(counter)s unread", "%(counter)s unread", unread) % {"counter": unread}
        return format_html('<a class="badge badge-new" href="{}">{}</a>', url, label)
    return SafeString("")


@register.simple_tag
def reading_badge(thread: Thread) -> SafeString:
    """The badge for a thread annotated by queries.visibility.with_reading_state."""
    return reading_badge_html(
        last_read=getattr(thread, "viewer_last_read", None),
        unread=int(getattr(thread, "viewer_unread", 0) or 0),
        thread_id=thread.pk,
    )
