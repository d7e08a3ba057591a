"""A dialogue's proceedings: its whole discussion as one document, in HTML and PDF.

Facilitators write the synthesis from it: the concept note first, then every visible
thread in the order it was started with every visible post (author, date, text), then
the summary when there is one. The PDF is WeasyPrint's rendering of the very same HTML.

WeasyPrint would fetch any address a post links a picture from; a proceedings export
must not make the server call other sites, so its URL fetcher refuses everything and
the stylesheet is handed over from the static files directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from tertulia.dialogues.models import Dialogue
from tertulia.forums.models import Post, Thread

STYLESHEET = "dialogues/proceedings.css"


@dataclass(frozen=True)
class ProceedingsThread:
    thread: Thread
    posts: list[Post]


@dataclass(frozen=True)
class Proceedings:
    dialogue: Dialogue
    threads: list[ProceedingsThread]
    post_count: int
    generated_at: datetime


def proceedings(dialogue: Dialogue) -> Proceedings:
    """Every visible thread and post of the dialogue's forum, in order (two queries)."""
    threads = list(
        Thread.objects.filter(forum_id=dialogue.forum_id, is_hidden=False)
        .annotate(
            visible_posts=Count("posts", filter=Q(posts__is_hidden=False, posts__is_approved=True))
        )
        .filter(visible_posts__gt=0)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    posts = (
        Post.objects.filter(thread__in=[t.pk for t in threads], is_hidden=False, is_approved=True)
        .select_related("author")
        .defer("body")
        .order_by("thread_id", "position")
    )
    by_thread = {key: list(group) for key, group in groupby(posts, key=lambda p: p.thread_id)}
    items = [ProceedingsThread(thread=t, posts=by_thread.get(t.pk, [])) for t in threads]
    return Proceedings(
        dialogue=dialogue,
        threads=items,
        post_count=sum(len(item.posts) for item in items),
        generated_at=timezone.now(),
    )


def render_html(data: Proceedings, *, for_pdf: bool = False) -> str:
    return render_to_string("dialogues/proceedings.html", {"proceedings": data, "for_pdf": for_pdf})


class _NoFetching(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Refuses every address: the picture is left out (WeasyPrint logs a warning)."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"Proceedings never fetch outside resources ({url[:80]})")


def render_document(data: Proceedings) -> Any:
    """WeasyPrint's laid-out document (its `pages`, its `write_pdf()`)."""
    stylesheet = finders.find(STYLESHEET)
    stylesheets = [CSS(string=Path(str(stylesheet)).read_text("utf-8"))] if stylesheet else []
    html = HTML(string=render_html(data, for_pdf=True), url_fetcher=_NoFetching())
    return html.render(stylesheets=stylesheets)


def render_pdf(data: Proceedings) -> bytes:
    """The same document as PDF, built in memory."""
    return bytes(render_document(data).write_pdf())
