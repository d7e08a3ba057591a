"""Threads and posts in the search index (found by tertulia.search at start-up).

A thread is one document: its title and its opening post. Every later visible post is
a document of its own, titled by its thread (shown, not searched). Both carry their
forum's read access and the group "forum:<id>", so a forum whose access changes is
updated in one statement. Hidden threads, hidden posts and posts waiting for approval
are never indexed; saving one removes it.

Members' translations of a post are searched with it: their text joins the body of the
post's document (the thread's, for an opening post), so a search in Spanish finds an
English post somebody translated. Saving or deleting a translation reindexes its post.

Signals cover every `save()`. Moderation that moves posts with `QuerySet.update()`
(merge, split, restoring a thread's opening post) is caught by the moderation log entry
written at its end, in the same transaction. Other services that change posts with
`QuerySet.update()` call `reindex_thread` or `reindex_posts` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tertulia.forums.models import Forum, ModerationLog, Post, PostTranslation, Thread
from tertulia.search.registry import (
    Document,
    html_to_text,
    in_batches,
    register,
    reindex_objects,
    remove,
    update_group_access,
)

THREAD = "thread"
POST = "post"
# Saves that change nothing a search shows.
_QUIET_THREAD_FIELDS = frozenset(
    {"post_count", "reply_count", "last_post", "last_activity_at", "view_count"}
    | {"is_pinned", "is_locked"}
)
_QUIET_POST_FIELDS = frozenset({"like_count", "position", "submission_key"})
_PLACEHOLDER = 987654321


@cache
def _url_template(name: str, argument: str) -> tuple[str, str]:
    # reverse() costs microseconds a call; a million posts make that minutes.
    url = reverse(name, kwargs={argument: _PLACEHOLDER})
    before, after = url.split(str(_PLACEHOLDER))
    return before, after


def _url(name: str, argument: str, pk: int) -> str:
    before, after = _url_template(name, argument)
    return f"{before}{pk}{after}"


def group_of(forum_id: int) -> str:
    return f"forum:{forum_id}"


def _translated_texts(post_ids: list[int]) -> dict[int, list[str]]:
    """The plain text of every translation of these posts, by post (one query)."""
    texts: dict[int, list[str]] = {}
    rows = (
        PostTranslation.objects.filter(post_id__in=post_ids)
        .order_by("post_id", "language")
        .values_list("post_id", "body_html")
    )
    for post_id, body_html in rows:
        texts.setdefault(post_id, []).append(html_to_text(body_html))
    return texts


def _with_translations(text: str, translations: list[str]) -> str:
    return "\n\n".join(part for part in (text, *translations) if part)


class ThreadSource:
    kind = THREAD
    label = _("Forum threads")

    def _threads(self) -> Any:
        return Thread.objects.filter(is_hidden=False).values_list(
            "pk", "title", "language", "created_at", "forum_id", "forum__read_access"
        )

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        batch: list[tuple[Any, ...]] = []
        for row in in_batches(self._threads(), ids):
            batch.append(row)
            if len(batch) >= 500:
                yield from self._documents(batch)
                batch = []
        yield from self._documents(batch)

    def _documents(self, threads: list[tuple[Any, ...]]) -> Iterator[Document]:
        if not threads:
            return
        openings = {
            thread_id: (body_html, is_approved, is_hidden, post_id)
            for thread_id, body_html, is_approved, is_hidden, post_id in Post.objects.filter(
                thread_id__in=[row[0] for row in threads], position=1
            ).values_list("thread_id", "body_html", "is_approved", "is_hidden", "pk")
        }
        translations = _translated_texts([opening[3] for opening in openings.values()])
        for pk, title, language, created_at, forum_id, access in threads:
            opening = openings.get(pk)
            # A thread whose opening post waits for approval is not listed yet.
            if opening is None or not opening[1]:
                continue
            yield Document(
                kind=THREAD,
                object_id=pk,
                title=title,
                body=""
                if opening[2]
                else _with_translations(html_to_text(opening[0]), translations.get(opening[3], [])),
                language=language,
                url=_url("thread-detail", "thread_id", pk),
                date=created_at,
                access=access,
                group=group_of(forum_id),
            )

    def count(self) -> int:
        return Thread.objects.filter(is_hidden=False).count()


class PostSource:
    kind = POST
    label = _("Forum replies")

    def _posts(self) -> Any:
        return Post.objects.filter(
            position__gt=1, is_approved=True, is_hidden=False, thread__is_hidden=False
        ).values_list(
            "pk",
            "body_html",
            "language",
            "created_at",
            "thread__title",
            "thread__forum_id",
            "thread__forum__read_access",
        )

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        batch: list[tuple[Any, ...]] = []
        for row in in_batches(self._posts(), ids):
            batch.append(row)
            if len(batch) >= 500:
                yield from self._documents(batch)
                batch = []
        yield from self._documents(batch)

    def _documents(self, posts: list[tuple[Any, ...]]) -> Iterator[Document]:
        if not posts:
            return
        translations = _translated_texts([row[0] for row in posts])
        for pk, body_html, language, created_at, title, forum_id, access in posts:
            yield Document(
                kind=POST,
                object_id=pk,
                title="",
                display_title=title,
                body=_with_translations(html_to_text(body_html), translations.get(pk, [])),
                language=language,
                url=_url("post-permalink", "post_id", pk),
                date=created_at,
                access=access,
                group=group_of(forum_id),
            )

    def count(self) -> int:
        return Post.objects.filter(position__gt=1).count()


def reindex_posts(post_ids: Iterable[int]) -> None:
    """Bring these posts up to date in the index (after a `QuerySet.update()` on them)."""
    reindex_objects(POST, post_ids)


def reindex_thread(thread_id: int) -> None:
    """Bring a thread and all its posts up to date (hidden, restored, moved, split)."""
    reindex_objects(THREAD, [thread_id])
    reindex_objects(POST, Post.objects.filter(thread_id=thread_id).values_list("pk", flat=True))


def _thread_saved(sender: type[Thread], instance: Thread, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= _QUIET_THREAD_FIELDS:
        return
    if kwargs.get("created"):
        reindex_objects(THREAD, [instance.pk])  # no posts yet
    else:
        # The title, the hidden state or the forum: every post shows or follows them.
        reindex_thread(instance.pk)


def _thread_deleted(sender: type[Thread], instance: Thread, **kwargs: Any) -> None:
    remove(THREAD, [instance.pk])


def _post_saved(sender: type[Post], instance: Post, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= _QUIET_POST_FIELDS:
        return
    if instance.position == 1:
        reindex_objects(THREAD, [instance.thread_id])
    else:
        reindex_objects(POST, [instance.pk])


def _post_deleted(sender: type[Post], instance: Post, **kwargs: Any) -> None:
    remove(POST, [instance.pk])
    if instance.position == 1:
        reindex_objects(THREAD, [instance.thread_id])


def _translation_changed(
    sender: type[PostTranslation], instance: PostTranslation, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return
    post = Post.objects.filter(pk=instance.post_id).values_list("thread_id", "position").first()
    if post is None:  # deleted with its post
        return
    thread_id, position = post
    if position == 1:
        reindex_objects(THREAD, [thread_id])
    else:
        reindex_objects(POST, [instance.post_id])


def _forum_saved(sender: type[Forum], instance: Forum, **kwargs: Any) -> None:
    if kwargs.get("raw") or kwargs.get("created"):
        return
    fields = kwargs.get("update_fields")
    if fields and "read_access" not in fields:
        return
    update_group_access(group_of(instance.pk), instance.read_access)


def _moderation_logged(sender: type[ModerationLog], instance: ModerationLog, **kwargs: Any) -> None:
    """Moderation that moves posts with `update()` sends no post signal: follow its log."""
    if kwargs.get("raw") or not kwargs.get("created"):
        return
    details = instance.details if isinstance(instance.details, dict) else {}
    # Action names from forums.services.moderation.ModerationAction.
    if instance.action == "merge_threads" and isinstance(details.get("merged_into"), int):
        reindex_thread(details["merged_into"])  # the moved posts, the old opening post too
    elif instance.action == "split_thread" and isinstance(details.get("new_thread"), int):
        reindex_thread(details["new_thread"])
    elif instance.action == "restore_thread" and instance.thread_id is not None:
        reindex_objects(THREAD, [instance.thread_id])  # its opening post, shown again


register(ThreadSource())
register(PostSource())
post_save.connect(_thread_saved, sender=Thread, dispatch_uid="search:thread")
post_delete.connect(_thread_deleted, sender=Thread, dispatch_uid="search:thread")
post_save.connect(_post_saved, sender=Post, dispatch_uid="search:post")
post_delete.connect(_post_deleted, sender=Post, dispatch_uid="search:post")
post_save.connect(
    _translation_changed, sender=PostTranslation, dispatch_uid="search:post-translation"
)
post_delete.connect(
    _translation_changed, sender=PostTranslation, dispatch_uid="search:post-translation"
)
post_save.connect(_forum_saved, sender=Forum, dispatch_uid="search:forum")
post_save.connect(_moderation_logged, sender=ModerationLog, dispatch_uid="search:moderation")
