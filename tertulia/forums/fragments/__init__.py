"""HTML of the busiest forum pages, cached so that reading them costs a few milliseconds.

The forum index, a forum's thread list and a thread's pages are read far more often
than written. Their costly parts (rendering each post, each thread row, each forum row)
are cached under keys that say everything the HTML depends on:

- the data, through revision numbers read with the page's own rows (`Forum.revision`,
  `Thread.revision`, raised by every write that changes what the pages show; see
  services/revisions.py). A write never deletes anything: the next reader asks for a
  key that does not exist yet. This works with a cache per process (local memory, one
  per gunicorn worker) as well as with a shared one (Redis);
- the viewer, through the few facts the HTML reads about them (is it their post, have
  they liked it...), passed to the template as the only context it gets: no `user`, no
  `request`. Two viewers share HTML only when every such fact is the same for both;
- the language and the time zone the page is shown in (`locale_key`).

Forms inside cached HTML carry a placeholder instead of a CSRF token; `with_csrf_token`
puts the viewer's own token in its place on the way out.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.html import format_html

from tertulia.forums.models import Forum, Thread

# Entries never go stale (their keys change instead); the timeout only returns the
# memory of pages nobody reads any more.
FRAGMENT_SECONDS = 60 * 60


def thread_version(thread: Thread) -> str:
    """What cached pieces of a thread's pages are keyed by.

    Its revision, and the counters every new post moves: a post appended without the
    posting service (demo and bench data, test factories) shows at once all the same.
    """
    return f"{thread.revision}.{thread.post_count}.{thread.reply_count}.{thread.last_post_id}"


def forum_version(forum: Forum) -> str:
    """What cached rows of a forum's thread list are keyed by (see thread_version)."""
    return f"{forum.revision}.{forum.post_count}.{forum.thread_count}.{forum.last_post_id}"


def locale_key() -> str:
    """The active language and time zone: dates and words in cached HTML depend on them."""
    return f"{translation.get_language()}:{timezone.get_current_timezone_name()}"


def csrf_placeholder() -> str:
    """The stand-in for the CSRF token in cached HTML.

    Derived from SECRET_KEY, so every process of the site uses the same one (cached HTML
    may be shared through Redis) while no member can guess it.
    """
    return salted_hmac("tertulia.forums.fragments.csrf", "placeholder").hexdigest()


def page_csrf_token(request: HttpRequest) -> str:
    """The CSRF token for every form of a page: each call of get_token masks the secret
    anew (32 random characters), so a page asks once and gives the same one to all."""
    return get_token(request)


def _csrf_input(token: str) -> str:
    # What {% csrf_token %} writes.
    return str(format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token))


def with_csrf_token(html: str, csrf_token: str) -> str:
    """Cached HTML with the viewer's CSRF token in place of the placeholder.

    Whole hidden inputs are replaced, not the bare placeholder: sanitised member text
    can never hold a tag, so even someone who knew the placeholder could not make a
    page write the reader's token into, say, an image address.
    """
    return html.replace(_csrf_input(csrf_placeholder()), _csrf_input(csrf_token))
