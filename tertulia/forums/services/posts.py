"""Writing posts: replies, edits, authors deleting their own, and what every new post needs.

A post's position is handed out by incrementing Thread.post_count while the thread row
is locked (select_for_update on PostgreSQL; SQLite's IMMEDIATE transactions already let
one writer in at a time), so two replies never get the same position. The counters
that lists show (replies, posts, threads, last post) change in the same transaction.
Posts waiting for approval take a position but count nowhere until a facilitator
approves them (the moderation service then adds them to the counters).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.forums import search_documents as search_index
from tertulia.forums.languages import detect_language
from tertulia.forums.models import Forum, Post, PostRevision, PostTranslation, Thread
from tertulia.forums.permissions import (
    can_delete_own_post,
    can_moderate,
    check_edit_post,
    check_read_thread,
    check_reply,
)
from tertulia.forums.services import drafts, post_notices, revisions, subscriptions
from tertulia.forums.services.announcing import announce_new_mentions, announce_post
from tertulia.forums.services.attachments import ValidatedUpload, attach_uploads
from tertulia.forums.services.translations import (
    clean_post_language,
    thread_follows_post_language,
)
from tertulia.forums.text import clean_fields, render_post_body

DELETED_BY_AUTHOR = "deleted by author"


def check_posting_limits(member: Member, *, new_thread: bool) -> None:
    """Refuse a member who has posted too much in the last hour (facilitators are exempt)."""
    if can_moderate(member):
        return
    since = timezone.now() - timedelta(hours=1)
    if new_thread:
        started = Thread.objects.filter(author=member, created_at__gte=since).count()
        if started >= settings.FORUM_THREADS_PER_HOUR:
            raise ValidationError(
                _(
                    "You have started %(count)s threads in the last hour, the most allowed. "
                    "Please wait a little before starting another."
                )
                % {"count": started},
                code="thread_limit",
            )
    posted = Post.objects.filter(author=member, created_at__gte=since).count()
    if posted >= settings.FORUM_POSTS_PER_HOUR:
        raise ValidationError(
            _(
                "You have posted %(count)s times in the last hour, the most allowed. "
                "Your text is kept as a draft; please post it a little later."
            )
            % {"count": posted},
            code="post_limit",
        )


def needs_approval(member: Member) -> bool:
    """New members' posts wait for a facilitator when the site asks for it."""
    if can_moderate(member) or not SiteSettings.current().first_posts_need_approval:
        return False
    return not Post.objects.filter(author=member, is_approved=True).exists()


def submitted_post(member: Member, submission_key: str) -> Post | None:
    """The post a form with this key already made (a double click, a resent form)."""
    if not submission_key:
        return None
    return (
        Post.objects.select_related("thread")
        .filter(author=member, submission_key=submission_key[:64])
        .first()
    )


def append_post(
    member: Member,
    thread: Thread,
    *,
    body: str,
    language: str,
    reply_to: Post | None = None,
    submission_key: str = "",
    uploads: Sequence[ValidatedUpload] = (),
    alt_texts: Sequence[str] = (),
) -> Post:
    """Add a post at the end of the thread and keep every counter right.

    Call inside transaction.atomic(); the body must already be cleaned.
    """
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    position = locked.post_count + 1
    rendered = render_post_body(body)
    now = timezone.now()
    post = Post.objects.create(
        thread=thread,
        position=position,
        author=member,
        body=body,
        body_html=rendered.html,
        language=language,
        reply_to=reply_to,
        created_at=now,
        is_approved=not needs_approval(member),
        submission_key=submission_key[:64],
    )
    if rendered.mentions:
        post.mentions.set(rendered.mentions)
    attach_uploads(member, post, uploads, alt_texts)
    if post.is_approved:
        Thread.objects.filter(pk=thread.pk).update(
            post_count=position,
            reply_count=F("reply_count") + (1 if position > 1 else 0),
            last_post=post,
            last_activity_at=now,
            revision=F("revision") + 1,
        )
        Forum.objects.filter(pk=thread.forum_id).update(
            post_count=F("post_count") + 1,
            thread_count=F("thread_count") + (1 if position == 1 else 0),
            last_post=post,
            revision=F("revision") + 1,
        )
    else:
        # Its author (and the facilitators) see it in place at once.
        Thread.objects.filter(pk=thread.pk).update(post_count=position, revision=F("revision") + 1)
    subscriptions.follow_thread_by_default(member, thread)
    drafts.discard_draft(member, thread)
    announce_post(post)
    return post


def _reply_target(member: Member, thread: Thread, reply_to: Post | None) -> Post | None:
    if reply_to is None:
        return None
    if reply_to.thread_id != thread.pk or (
        not (reply_to.is_approved and not reply_to.is_hidden)
        and not can_moderate(member)
        and reply_to.author_id != member.pk
    ):
        raise ValidationError(
            _("You can only reply to a post you can see in this thread."), code="reply_to"
        )
    return reply_to


def post_reply(
    member: Member,
    thread: Thread,
    *,
    body: str,
    reply_to: Post | None = None,
    submission_key: str = "",
    uploads: Sequence[ValidatedUpload] = (),
    alt_texts: Sequence[str] = (),
) -> Post:
    """Reply in a thread, with files checked by attachments.validate_upload.

    Sending the same form twice returns the first post.
    """
    existing = submitted_post(member, submission_key)
    if existing is not None:
        return existing
    check_reply(member, thread)
    body, _title = clean_fields(body=body)
    target = _reply_target(member, thread, reply_to)
    check_posting_limits(member, new_thread=False)
    try:
        with transaction.atomic():
            # Ask again on the locked row: the thread may have been locked or hidden
            # while the member was typing.
            current = Thread.objects.select_for_update().select_related("forum").get(pk=thread.pk)
            check_reply(member, current)
            post = append_post(
                member,
                current,
                body=body,
                language=detect_language(body),
                reply_to=target,
                submission_key=submission_key,
                uploads=uploads,
                alt_texts=alt_texts,
            )
    except IntegrityError:
        # Two copies of one form raced past the check above; the other one won.
        existing = submitted_post(member, submission_key)
        if existing is None:
            raise
        return existing
    thread.refresh_from_db()
    return post


def edit_post(
    actor: Member,
    post: Post,
    *,
    body: str,
    title: str | None = None,
    language: str | None = None,
    uploads: Sequence[ValidatedUpload] = (),
    alt_texts: Sequence[str] = (),
) -> Post:
    """Change a post's text (and the thread's title, for a first post), keeping the old one,
    and add files to it (checked by attachments.validate_upload; at most
    MAX_ATTACHMENTS_PER_POST in all). Files alone make no text revision.

    `language` is the one the post is written in, as its editor chose it; empty (or None)
    asks for it to be detected again when the text changes. An opening post's thread
    takes its language. ValidationError keyed by field.
    """
    check_edit_post(actor, post)
    thread = post.thread
    errors: dict[str, list[ValidationError]] = {}
    try:
        body, new_title = clean_fields(
            body=body, title=title if title is not None and post.position == 1 else None
        )
    except ValidationError as problem:
        errors.update(problem.error_dict)
    chosen = ""
    if language and language.strip():
        try:
            chosen = clean_post_language(post, language)
        except ValidationError as problem:
            errors.update(problem.error_dict)
    if errors:
        raise ValidationError(errors)
    title_changed = new_title is not None and new_title != thread.title
    text_changed = body != post.body or title_changed
    if chosen:
        new_language = chosen
    elif text_changed:
        # As when the thread was started: an opening post is read with its title.
        shown_title = (new_title or thread.title) if post.position == 1 else ""
        new_language = detect_language(f"{shown_title}\n{body}".strip())
        if PostTranslation.objects.filter(post=post, language=new_language).exists():
            # A member's translation already holds that language: keep the one given.
            new_language = post.language
    else:
        new_language = post.language
    language_changed = new_language != post.language
    if not text_changed and not uploads and not language_changed:
        return post
    now = timezone.now()
    new_mentions: set[int] = set()
    with transaction.atomic():
        if text_changed:
            PostRevision.objects.create(
                post=post,
                body=post.body,
                title=thread.title if post.position == 1 else "",
                edited_by=actor,
                edited_at=now,
            )
            rendered = render_post_body(body)
            post.body = body
            post.body_html = rendered.html
            before = set(post.mentions.values_list("pk", flat=True))
            post.mentions.set(rendered.mentions)
            new_mentions = {member.pk for member in rendered.mentions} - before
        attach_uploads(actor, post, uploads, alt_texts)
        post.language = new_language
        if text_changed or uploads:
            # Saying which language a post is in changes nothing anyone wrote.
            post.edited_at = now
        post.save(update_fields=["body", "body_html", "language", "edited_at"])
        revisions.thread_changed(thread.pk)
        if title_changed and new_title is not None:
            thread.title = new_title
            thread.save(update_fields=["title"])
            revisions.forum_changed(thread.forum_id)
        thread_follows_post_language(post)
        if text_changed and post.is_approved and not post.is_hidden:
            # Mail still inside the edit window leaves with the text as it now reads.
            post_notices.refresh_post_notices(post)
            announce_new_mentions(post, new_mentions)
    return post


def has_later_visible_post(post: Post) -> bool:
    return Post.objects.filter(
        thread_id=post.thread_id, position__gt=post.position, is_hidden=False, is_approved=True
    ).exists()


def refresh_last_posts(thread: Thread) -> None:
    """Point the thread and its forum at their latest visible post after one disappears."""
    last = (
        Post.objects.filter(thread=thread, is_hidden=False, is_approved=True)
        .order_by("-position")
        .first()
    )
    Thread.objects.filter(pk=thread.pk).update(
        last_post=last,
        last_activity_at=last.created_at if last else thread.created_at,
        revision=F("revision") + 1,
    )
    latest_thread = (
        Thread.objects.filter(forum_id=thread.forum_id, is_hidden=False, last_post__isnull=False)
        .order_by("-last_activity_at")
        .first()
    )
    Forum.objects.filter(pk=thread.forum_id).update(
        last_post_id=latest_thread.last_post_id if latest_thread else None,
        revision=F("revision") + 1,
    )


def check_delete_own_post(member: Member, post: Post) -> None:
    """Refuse, with the reason, unless the author may take the post back now."""
    check_read_thread(member, post.thread)
    if post.author_id != member.pk:
        raise PermissionDenied(_("You can only delete your own posts."))
    if post.is_hidden:
        raise PermissionDenied(_("This post is already deleted."))
    if not can_delete_own_post(member, post, has_replies=has_later_visible_post(post)):
        raise PermissionDenied(
            _(
                "Someone has posted after this, so it can no longer be deleted. "
                "You can edit it, or ask a facilitator."
            )
        )


def delete_own_post(member: Member, post: Post) -> None:
    """The author takes back a post nobody has answered yet (it is hidden, not erased).

    Deleting the first post of a thread with no visible replies takes the thread away too.
    """
    thread = post.thread
    check_delete_own_post(member, post)
    was_counted = post.is_approved
    with transaction.atomic():
        # Lock the thread so that a reply cannot slip in between the check and the hiding.
        Thread.objects.select_for_update().filter(pk=thread.pk).first()
        Post.objects.filter(pk=post.pk).update(
            is_hidden=True,
            hidden_reason=DELETED_BY_AUTHOR,
            hidden_by=member,
            hidden_at=timezone.now(),
        )
        first = post.position == 1
        if was_counted:
            Thread.objects.filter(pk=thread.pk).update(
                reply_count=F("reply_count") - (0 if first else 1)
            )
            Forum.objects.filter(pk=thread.forum_id).update(
                post_count=F("post_count") - 1,
                thread_count=F("thread_count") - (1 if first else 0),
            )
        post_notices.withdraw_post_notices(post.pk)
        if first:
            Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
            post_notices.withdraw_recent_thread_notices(thread)
        refresh_last_posts(thread)
        # The updates above send no signals: take the post (or thread) out of search here.
        if first:
            search_index.reindex_thread(thread.pk)
        else:
            search_index.reindex_posts([post.pk])
    post.refresh_from_db()
    thread.refresh_from_db()
