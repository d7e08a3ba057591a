"""Who may read, write, edit and moderate in the forums.

`can_*` returns a bool (templates, queries); `check_*` raises PermissionDenied with a
message for the member (services).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer, is_facilitator, is_member
from tertulia.core.models import SiteSettings
from tertulia.forums.models import Access, Forum, ForumKind, Post, PostTranslation, Thread


def _has_access(viewer: Viewer, access: str) -> bool:
    if access == Access.EVERYONE:
        return is_member(viewer) or not SiteSettings.current().members_only
    if access == Access.MEMBERS:
        return is_member(viewer)
    return is_facilitator(viewer)


def readable_forums_filter(viewer: Viewer) -> Q:
    """A filter on Forum for the forums this viewer may read (for list queries)."""
    if is_facilitator(viewer):
        return Q()
    if is_member(viewer):
        return Q(read_access__in=[Access.EVERYONE, Access.MEMBERS])
    if SiteSettings.current().members_only:
        return Q(pk__in=[])
    return Q(read_access=Access.EVERYONE)


def can_moderate(viewer: Viewer) -> bool:
    return is_facilitator(viewer)


def can_read_forum(viewer: Viewer, forum: Forum) -> bool:
    return _has_access(viewer, forum.read_access)


def check_read_forum(viewer: Viewer, forum: Forum) -> None:
    if not can_read_forum(viewer, forum):
        raise PermissionDenied(_("This forum is not open to you."))


def can_read_thread(viewer: Viewer, thread: Thread) -> bool:
    if thread.is_hidden and not can_moderate(viewer):
        return False
    return can_read_forum(viewer, thread.forum)


def check_read_thread(viewer: Viewer, thread: Thread) -> None:
    if not can_read_thread(viewer, thread):
        raise PermissionDenied(_("This thread is not open to you."))


def window_notice(forum: Forum) -> str:
    """Why the forum is closed to posting right now, or "" when it is open."""
    state = forum.window_state()
    if state == "before" and forum.opens_at:
        when = formats.date_format(timezone.localtime(forum.opens_at), "DATETIME_FORMAT")
        return _("This forum opens for posting on %(when)s.") % {"when": when}
    if state == "after":
        return _("This forum is closed to new posts. You can still read everything in it.")
    return ""


def _write_refusal(viewer: Viewer, forum: Forum) -> str:
    if not is_member(viewer):
        return _("Sign in to take part.")
    if not can_read_forum(viewer, forum) or not _has_access(viewer, forum.write_access):
        return _("Only facilitators can post in this forum.")
    if not can_moderate(viewer):
        notice = window_notice(forum)
        if notice:
            return notice
    return ""


def can_start_thread(viewer: Viewer, forum: Forum) -> bool:
    return not _write_refusal(viewer, forum)


def check_start_thread(viewer: Viewer, forum: Forum) -> None:
    refusal = _write_refusal(viewer, forum)
    if refusal:
        raise PermissionDenied(refusal)


def _reply_refusal(viewer: Viewer, thread: Thread) -> str:
    if not can_read_thread(viewer, thread):
        return _("This thread is not open to you.")
    refusal = _write_refusal(viewer, thread.forum)
    if refusal:
        return refusal
    if thread.is_locked and not can_moderate(viewer):
        return _("This thread is locked: no new replies.")
    return ""


def can_reply(viewer: Viewer, thread: Thread) -> bool:
    return not _reply_refusal(viewer, thread)


def check_reply(viewer: Viewer, thread: Thread) -> None:
    refusal = _reply_refusal(viewer, thread)
    if refusal:
        raise PermissionDenied(refusal)


def edit_window() -> timedelta:
    return timedelta(minutes=settings.FORUM_EDIT_WINDOW_MINUTES)


class PostState(Protocol):
    """What the edit and delete rules read of a post: a Post, or the few facts a cached
    thread page keeps of it (queries.threads.PostFacts)."""

    @property
    def author_id(self) -> int: ...

    @property
    def is_hidden(self) -> bool: ...

    @property
    def created_at(self) -> datetime: ...


def can_edit_post(viewer: Viewer, post: Post) -> bool:
    return can_edit_post_in(viewer, post, thread=post.thread)


def can_edit_post_in(viewer: Viewer, post: PostState, *, thread: Thread) -> bool:
    """Facilitators always; authors within the edit window, in an unlocked thread."""
    if can_moderate(viewer):
        return True
    if not isinstance(viewer, Member) or not is_member(viewer) or post.author_id != viewer.pk:
        return False
    if post.is_hidden or thread.is_locked:
        return False
    return timezone.now() - post.created_at <= edit_window()


def can_send_post_now(viewer: Viewer, post: PostState, *, is_approved: bool) -> bool:
    """The author of a visible post may have its mail sent before the edit window ends
    (facilitators too, for their own posts: their window is the same for the mail)."""
    if not isinstance(viewer, Member) or not is_member(viewer) or post.author_id != viewer.pk:
        return False
    if post.is_hidden or not is_approved:
        return False
    return timezone.now() - post.created_at <= edit_window()


def check_edit_post(viewer: Viewer, post: Post) -> None:
    if not can_edit_post(viewer, post):
        raise PermissionDenied(_("You can no longer edit this post."))


def can_delete_own_post(viewer: Viewer, post: PostState, *, has_replies: bool) -> bool:
    """Authors may delete their own post while nobody has replied after it."""
    if not isinstance(viewer, Member) or not is_member(viewer) or post.author_id != viewer.pk:
        return False
    return not post.is_hidden and not has_replies


def needs_to_post_first(viewer: Viewer, forum: Forum, *, has_posted: bool) -> bool:
    """In a question-and-answer forum, others' replies show only after one's own."""
    return (
        forum.kind == ForumKind.QUESTION_AND_ANSWER and not has_posted and not can_moderate(viewer)
    )


def check_moderate(viewer: Viewer) -> None:
    if not can_moderate(viewer):
        raise PermissionDenied(_("Only facilitators can moderate the forums."))


def _flag_refusal(viewer: Viewer, post: Post) -> str:
    if not is_member(viewer):
        return _("Sign in to report a post.")
    if not can_read_thread(viewer, post.thread):
        return _("This thread is not open to you.")
    if post.author_id == viewer.pk:
        return _("You cannot report your own post.")
    if post.is_hidden:
        return _("This post is already hidden by a facilitator.")
    if not post.is_approved:
        return _("This post is waiting for a facilitator's approval.")
    return ""


def can_flag_post(viewer: Viewer, post: Post) -> bool:
    return not _flag_refusal(viewer, post)


def check_flag_post(viewer: Viewer, post: Post) -> None:
    refusal = _flag_refusal(viewer, post)
    if refusal:
        raise PermissionDenied(refusal)


# --- Seeing one post's content: attachments, likes, bookmarks -------------------------


def can_see_post_content(viewer: Viewer, post: Post, *, has_posted_in_thread: bool) -> bool:
    """May the viewer see this post's text and files (not just a placeholder)?

    `has_posted_in_thread` matters only in question-and-answer forums, where others'
    replies stay out of sight until the viewer has answered.
    """
    if not can_read_thread(viewer, post.thread):
        return False
    if can_moderate(viewer):
        return True
    is_author = isinstance(viewer, Member) and post.author_id == viewer.pk
    if post.is_hidden:
        return False
    if not post.is_approved:
        return is_author
    return (
        post.position == 1
        or is_author
        or not needs_to_post_first(viewer, post.thread.forum, has_posted=has_posted_in_thread)
    )


def can_open_attachment(
    viewer: Viewer, post: Post | None, uploader_id: int, *, has_posted_in_thread: bool
) -> bool:
    """A file on a post opens for those who may see the post; an unattached one, its uploader's."""
    if post is None:
        return isinstance(viewer, Member) and viewer.pk == uploader_id
    return can_see_post_content(viewer, post, has_posted_in_thread=has_posted_in_thread)


def _like_refusal(viewer: Viewer, post: Post, *, has_posted_in_thread: bool) -> str:
    if not is_member(viewer):
        return _("Sign in to like posts.")
    if not can_see_post_content(viewer, post, has_posted_in_thread=has_posted_in_thread):
        return _("This post is not open to you.")
    if post.author_id == viewer.pk:
        return _("You cannot like your own post.")
    if post.is_hidden:
        return _("This post is hidden; it cannot be liked.")
    if not post.is_approved:
        return _("This post is waiting for approval; it cannot be liked yet.")
    return ""


def can_like_post(viewer: Viewer, post: Post, *, has_posted_in_thread: bool) -> bool:
    return not _like_refusal(viewer, post, has_posted_in_thread=has_posted_in_thread)


def check_like_post(viewer: Viewer, post: Post, *, has_posted_in_thread: bool) -> None:
    refusal = _like_refusal(viewer, post, has_posted_in_thread=has_posted_in_thread)
    if refusal:
        raise PermissionDenied(refusal)


def _bookmark_refusal(viewer: Viewer, post: Post, *, has_posted_in_thread: bool) -> str:
    if not is_member(viewer):
        return _("Sign in to bookmark posts.")
    if not can_see_post_content(viewer, post, has_posted_in_thread=has_posted_in_thread):
        return _("This post is not open to you.")
    return ""


def can_bookmark_post(viewer: Viewer, post: Post, *, has_posted_in_thread: bool) -> bool:
    return not _bookmark_refusal(viewer, post, has_posted_in_thread=has_posted_in_thread)


def check_bookmark_post(viewer: Viewer, post: Post, *, has_posted_in_thread: bool) -> None:
    refusal = _bookmark_refusal(viewer, post, has_posted_in_thread=has_posted_in_thread)
    if refusal:
        raise PermissionDenied(refusal)


# --- Translating a post, and saying which language it is in -------------------------


def _translate_refusal(viewer: Viewer, post: Post, *, has_posted_in_thread: bool) -> str:
    if not is_member(viewer):
        return _("Sign in to translate posts.")
    if not can_see_post_content(viewer, post, has_posted_in_thread=has_posted_in_thread):
        return _("This post is not open to you.")
    if post.is_hidden:
        return _("This post is hidden; it cannot be translated.")
    if not post.is_approved:
        return _("This post is waiting for approval; it can be translated once it is published.")
    return ""


def can_translate_post(viewer: Viewer, post: Post, *, has_posted_in_thread: bool) -> bool:
    return not _translate_refusal(viewer, post, has_posted_in_thread=has_posted_in_thread)


def check_translate_post(viewer: Viewer, post: Post, *, has_posted_in_thread: bool) -> None:
    refusal = _translate_refusal(viewer, post, has_posted_in_thread=has_posted_in_thread)
    if refusal:
        raise PermissionDenied(refusal)


def can_change_translation(viewer: Viewer, translation: PostTranslation) -> bool:
    """A facilitator, or its translator while they may still read the post."""
    if not can_read_thread(viewer, translation.post.thread):
        return False
    if can_moderate(viewer):
        return True
    return (
        is_member(viewer)
        and translation.translator_id == viewer.pk
        and not translation.post.is_hidden
    )


def check_change_translation(viewer: Viewer, translation: PostTranslation) -> None:
    if not can_change_translation(viewer, translation):
        raise PermissionDenied(
            _("Only its translator and the facilitators can change a translation.")
        )


def can_set_post_language(viewer: Viewer, post: Post) -> bool:
    """The post's author or a facilitator, for a post that is not hidden."""
    if not can_read_thread(viewer, post.thread) or post.is_hidden:
        return False
    if can_moderate(viewer):
        return True
    return is_member(viewer) and post.author_id == viewer.pk


def check_set_post_language(viewer: Viewer, post: Post) -> None:
    if not can_set_post_language(viewer, post):
        raise PermissionDenied(
            _("Only the post's author and the facilitators can say which language it is in.")
        )
