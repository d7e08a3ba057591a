"""The reply box under a thread page, its empty form rendered once per thread and language.

Rendering a form's field groups is the costliest part of a member's thread page (seven
fields, each through Django's form templates). The empty box reads nothing about the
viewer but two values made fresh for each page: the CSRF token and the submission key
that makes a double-clicked form post once. It is cached with placeholders for both.
A box with the member's draft, a quote or a reply target is rendered as it is.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from tertulia.forums.forms import ReplyForm, new_submission_key
from tertulia.forums.fragments import FRAGMENT_SECONDS, csrf_placeholder, with_csrf_token
from tertulia.forums.models import Post, Thread

# Stands for the submission key in the cached empty box: no member-written text is in it.
SUBMISSION_KEY_PLACEHOLDER = "tertulia-forums-submission-key"


def reply_form(thread: Thread, initial: dict[str, object]) -> ReplyForm:
    return ReplyForm(
        initial=initial, draft_url=reverse("thread-draft", kwargs={"thread_id": thread.pk})
    )


def render_reply_form(
    request: HttpRequest,
    thread: Thread,
    *,
    initial: dict[str, object],
    reply_to_post: Post | None,
    csrf_token: str,
) -> SafeString:
    """`_reply_form.html` for this member: from the cache when the box starts empty."""
    if initial.get("body") or initial.get("reply_to") or reply_to_post is not None:
        context = {
            "form": reply_form(thread, initial),
            "thread": thread,
            "reply_to_post": reply_to_post,
            "csrf_token": csrf_token,
        }
        return mark_safe(render_to_string("forums/_reply_form.html", context, request=request))  # noqa: S308  # our template
    key = f"forums:reply-form:{thread.pk}:{translation.get_language()}"
    html: str | None = cache.get(key)
    if html is None:
        form = reply_form(thread, {})
        form.fields["submission_key"].initial = SUBMISSION_KEY_PLACEHOLDER
        # No request: the empty box must not read anything about the viewer.
        html = render_to_string(
            "forums/_reply_form.html",
            {"form": form, "thread": thread, "csrf_token": csrf_placeholder()},
        )
        cache.set(key, html, FRAGMENT_SECONDS)
    html = html.replace(f'value="{SUBMISSION_KEY_PLACEHOLDER}"', f'value="{new_submission_key()}"')
    return mark_safe(with_csrf_token(html, csrf_token))  # noqa: S308  # our template
