"""RSS and Atom feeds of forums and threads that everyone may read.

Feeds are fetched by readers that never sign in, so only what a visitor sees is in
them: nothing from members-only forums, hidden threads, hidden or unapproved posts,
and, in question-and-answer forums, only the question.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from tertulia.forums.models import Access, Forum, ForumKind, Post, Thread
from tertulia.forums.permissions import can_read_forum
from tertulia.forums.queries.threads import post_page_url

FEED_ITEMS = 30


def _public_forum(forum: Forum, request: HttpRequest) -> Forum:
    if forum.read_access != Access.EVERYONE or not can_read_forum(request.user, forum):
        raise Http404("This forum has no public feed.")
    return forum


def _public_threads(forum: Forum) -> QuerySet[Thread]:
    return Thread.objects.filter(forum=forum, is_hidden=False, last_post__isnull=False)


class ForumFeed(Feed):  # type: ignore[type-arg]  # Feed is generic in the stubs only
    """New threads in a forum, each with its first post."""

    def get_object(self, request: HttpRequest, forum_slug: str) -> Forum:
        return _public_forum(get_object_or_404(Forum, slug=forum_slug), request)

    def title(self, obj: Forum) -> str:
        return str(obj.title)

    def link(self, obj: Forum) -> str:
        return reverse("forum-detail", kwargs={"forum_slug": obj.slug})

    def description(self, obj: Forum) -> str:
        return str(obj.description) or _("New threads in %(forum)s") % {"forum": obj.title}

    def items(self, obj: Forum) -> list[Thread]:
        first_posts = Post.objects.filter(position=1, is_hidden=False, is_approved=True)
        return list(
            _public_threads(obj)
            .select_related("author")
            .prefetch_related(Prefetch("posts", queryset=first_posts, to_attr="first_posts"))
            .order_by("-created_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item: Thread) -> str:
        return str(item.title)

    def item_description(self, item: Thread) -> str:
        first: list[Post] = getattr(item, "first_posts", [])
        return str(first[0].body_html) if first else ""

    def item_link(self, item: Thread) -> str:
        return reverse("thread-detail", kwargs={"thread_id": item.pk})

    def item_pubdate(self, item: Thread) -> datetime:
        return item.created_at

    def item_author_name(self, item: Thread) -> str:
        return str(item.author.display_name)


class ForumAtomFeed(ForumFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Forum) -> str:
        return self.description(obj)


class ThreadFeed(Feed):  # type: ignore[type-arg]  # Feed is generic in the stubs only
    """The latest posts of a thread."""

    def get_object(self, request: HttpRequest, thread_id: int) -> Thread:
        thread = get_object_or_404(
            Thread.objects.select_related("forum"),
            pk=thread_id,
            is_hidden=False,
            last_post__isnull=False,
        )
        _public_forum(thread.forum, request)
        return thread

    def title(self, obj: Thread) -> str:
        return str(obj.title)

    def link(self, obj: Thread) -> str:
        return reverse("thread-detail", kwargs={"thread_id": obj.pk})

    def description(self, obj: Thread) -> str:
        return _("The latest posts in “%(thread)s”") % {"thread": obj.title}

    def items(self, obj: Thread) -> list[Post]:
        posts = Post.objects.filter(thread=obj, is_hidden=False, is_approved=True)
        if obj.forum.kind == ForumKind.QUESTION_AND_ANSWER:
            posts = posts.filter(position=1)
        return list(posts.select_related("author").order_by("-position")[:FEED_ITEMS])

    def item_title(self, item: Post) -> str:
        return _("%(name)s, #%(position)s") % {
            "name": item.author.display_name,
            "position": item.position,
        }

    def item_description(self, item: Post) -> str:
        return str(item.body_html)

    def item_link(self, item: Post) -> str:
        return post_page_url(item)

    def item_pubdate(self, item: Post) -> datetime:
        return item.created_at

    def item_updateddate(self, item: Post) -> datetime:
        return item.edited_at or item.created_at

    def item_author_name(self, item: Post) -> str:
        return str(item.author.display_name)


class ThreadAtomFeed(ThreadFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Thread) -> str:
        return self.description(obj)
