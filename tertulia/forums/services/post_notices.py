"""What the forums tell members, through the notifications app's `notify()`.

A post tells, once each: the members it mentions (MENTION), the followers of its thread
(REPLY) or, for a thread's first post, of its forum (NEW_THREAD), and the forum's
followers in mailing-list mode (FORUM_POST, in place of a REPLY or NEW_THREAD, so they
get one mail per post). A member with several reasons gets the most personal one: the
mention, unless they are in mailing-list mode and do not take mentions by mail, in
which case the post's mail still comes as FORUM_POST.

Every notification about a post carries `source="post:<id>"`: edits refresh the text of
those not mailed yet, deleting or hiding the post withdraws them, and "send now"
releases their mail before the edit window ends. All share `group="thread:<id>"`, so
mail clients keep a thread's mails together, and `scope="forum:<id>"`, so a member's
choice for one forum applies. Dedupe keys make each run safe to repeat.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import Flag, ModerationLog, Post, Thread
from tertulia.forums.permissions import can_read_forum, can_see_post_content, edit_window
from tertulia.forums.services.post_audience import Listener, post_listeners
from tertulia.notifications.models import Delivery, Kind, Notification
from tertulia.notifications.services import notify, refresh_unsent, release_held_mail, withdraw
from tertulia.notifications.services.notify import SNIPPET_MAX
from tertulia.search.registry import html_to_text

SNIPPET_LINES = 8


def post_source(post_id: int) -> str:
    return f"post:{post_id}"


def thread_group(thread_id: int) -> str:
    return f"thread:{thread_id}"


def forum_scope(forum_id: int) -> str:
    return f"forum:{forum_id}"


def post_snippet(post: Post) -> str:
    """The post's first lines as plain text, within what a notification keeps."""
    lines = [line.strip() for line in html_to_text(post.body_html).splitlines()]
    text = "\n".join(line for line in lines if line)
    kept = text.splitlines()[:SNIPPET_LINES]
    snippet = "\n".join(kept)
    if len(snippet) > SNIPPET_MAX:
        snippet = snippet[: SNIPPET_MAX - 1].rstrip() + "…"
    elif len(kept) < len(text.splitlines()):
        snippet += "\n…"
    return snippet


def post_params(thread: Thread) -> dict[str, object]:
    """The titles' parameters: the same for every kind about a post, so that an edit of
    the thread's title refreshes them all alike (notifications.titles)."""
    return {"subject": thread.title, "forum": thread.forum.title}


def held_until(post: Post, *, now: datetime | None = None) -> datetime | None:
    """When the post's mail may leave: the end of its edit window (None once passed)."""
    ends = post.created_at + edit_window()
    return ends if ends > (now or timezone.now()) else None


def post_url(post_id: int) -> str:
    # The permalink, not the page: it still leads to the post after a move or a split.
    return reverse("post-permalink", kwargs={"post_id": post_id})


def is_announced(post: Post) -> bool:
    """Only what every reader of the thread sees is announced."""
    return post.is_approved and not post.is_hidden and not post.thread.is_hidden


def _load(post_id: int) -> Post | None:
    return Post.objects.select_related("thread__forum", "author").filter(pk=post_id).first()


def tell_about_post(post_id: int, *, at_once: bool = False) -> int:
    """Tell everyone who should hear about the post; how many notifications were made or
    found (a second run finds the first run's). `at_once` skips the edit window."""
    post = _load(post_id)
    if post is None or not is_announced(post):
        return 0
    common = _common(post, send_after=None if at_once else held_until(post))
    return sum(_tell_listener(post, listener, common) for listener in post_listeners(post))


def tell_new_mentions(post_id: int, member_ids: Iterable[int]) -> int:
    """After an edit, tell the members it names for the first time; one already told of
    the post (as a follower) is not told twice, as when the post named them at once."""
    post = _load(post_id)
    if post is None or not is_announced(post):
        return 0
    ids = set(member_ids)
    ids -= set(
        Notification.objects.filter(source=post_source(post.pk), recipient_id__in=ids).values_list(
            "recipient_id", flat=True
        )
    )
    common = _common(post, send_after=held_until(post))
    told = 0
    for listener in post_listeners(post, mentioned_only=frozenset(ids)):
        told += _notify(listener.member, Kind.MENTION, f"mention:{post.pk}", common) is not None
    return told


def send_held_mail_now(post_id: int) -> int:
    """The author's "send now": make any notification still missing, without waiting,
    then release the mail the edit window was holding. How many mails were released."""
    tell_about_post(post_id, at_once=True)
    return release_held_mail(post_source(post_id))


def _common(post: Post, *, send_after: datetime | None) -> dict[str, Any]:
    thread = post.thread
    return {
        "actor": post.author,
        "url": post_url(post.pk),
        "params": post_params(thread),
        "snippet": post_snippet(post),
        "group": thread_group(thread.pk),
        "scope": forum_scope(thread.forum_id),
        "source": post_source(post.pk),
        "send_after": send_after,
    }


def _notify(
    member: Member, kind: str, dedupe_key: str, common: dict[str, Any]
) -> Notification | None:
    return notify(member, kind, dedupe_key=dedupe_key, **common)


def _tell_listener(post: Post, listener: Listener, common: dict[str, Any]) -> int:
    member = listener.member
    told = 0
    if listener.is_mentioned:
        mention = _notify(member, Kind.MENTION, f"mention:{post.pk}", common)
        if mention is not None:
            told += 1
            if not listener.wants_every_post or mention.delivery == Delivery.EMAIL:
                return told
    # When FORUM_POST is off in this forum, the member's usual choices apply below.
    if (
        listener.wants_every_post
        and _notify(member, Kind.FORUM_POST, f"forum_post:{post.pk}", common) is not None
    ):
        return told + 1
    if told:
        return told
    if post.position == 1 and listener.follows_forum:
        note = _notify(member, Kind.NEW_THREAD, f"new_thread:{post.thread_id}", common)
        return int(note is not None)
    if post.position > 1 and listener.follows_thread:
        return int(_notify(member, Kind.REPLY, f"reply:{post.pk}", common) is not None)
    return 0


# --- After the post changes --------------------------------------------------------------


def refresh_post_notices(post: Post) -> int:
    """An edit: notifications not mailed yet carry the new text and title."""
    return refresh_unsent(
        post_source(post.pk), snippet=post_snippet(post), params=post_params(post.thread)
    )


def withdraw_post_notices(post_id: int) -> int:
    """The post was deleted or hidden: its notifications go, mailed or not."""
    return withdraw(post_source(post_id))


def withdraw_recent_thread_notices(thread: Thread) -> int:
    """The thread left sight: withdraw the notifications of its posts whose mail may
    still be waiting for their edit window (older ones have long been mailed)."""
    since = timezone.now() - edit_window()
    post_ids = Post.objects.filter(thread_id=thread.pk, created_at__gte=since).values_list(
        "pk", flat=True
    )
    return sum(withdraw_post_notices(post_id) for post_id in post_ids)


# --- Likes and moderation ----------------------------------------------------------------


def tell_liked(post: Post, liker: Member) -> Notification | None:
    """A new like: the author hears of it, batched per post by notify()."""
    author = post.author
    if not can_see_post_content(author, post, has_posted_in_thread=True):
        return None
    return notify(
        author,
        Kind.REACTION,
        actor=liker,
        url=post_url(post.pk),
        params=post_params(post.thread),
        snippet=post_snippet(post),
        group=thread_group(post.thread_id),
        scope=forum_scope(post.thread.forum_id),
        source=post_source(post.pk),
        dedupe_key=f"like:{post.pk}:{liker.pk}",
    )


def tell_flagged(post: Post, flag: Flag) -> Notification | None:
    """The first open report on a post tells its author, never who reported it."""
    if Flag.objects.filter(post=post, resolved_at__isnull=True).exclude(pk=flag.pk).exists():
        return None  # the author already knows the post is under review
    author = post.author
    if not can_see_post_content(author, post, has_posted_in_thread=True):
        return None
    return notify(
        author,
        Kind.POST_FLAGGED,
        url=post_url(post.pk),
        params=post_params(post.thread),
        snippet=post_snippet(post),
        group=thread_group(post.thread_id),
        scope=forum_scope(post.thread.forum_id),
        source=post_source(post.pk),
        dedupe_key=f"flagged:{flag.pk}",
    )


def tell_hidden(post: Post, log: ModerationLog) -> Notification | None:
    """A facilitator hid the post: its author hears why.

    The facilitator is not named (the title says "a facilitator"), and the notice has
    no source, so that what happens to the post later leaves it in place.
    """
    author = post.author
    thread = post.thread
    if author.pk == log.actor_id or not can_read_forum(author, thread.forum):
        return None
    # A hidden first post hides its thread: the forum is the place left to go.
    url = (
        reverse("forum-detail", kwargs={"forum_slug": thread.forum.slug})
        if thread.is_hidden
        else post_url(post.pk)
    )
    return notify(
        author,
        Kind.POST_HIDDEN,
        url=url,
        params=post_params(thread),
        snippet=log.reason,
        group=thread_group(thread.pk),
        scope=forum_scope(thread.forum_id),
        dedupe_key=f"hidden:{post.pk}:{log.pk}",
    )
