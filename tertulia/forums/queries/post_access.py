"""Whether a viewer may see one post's content, with the one query it may need."""

from __future__ import annotations

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.forums.models import ForumKind, Post, Thread
from tertulia.forums.permissions import can_moderate


def has_posted_in(viewer: Viewer, thread: Thread) -> bool:
    """Has the viewer a post of their own in the thread? Asked only where it matters.

    Only question-and-answer forums hide replies from members who have not answered,
    so elsewhere this answers without a query.
    """
    if thread.forum.kind != ForumKind.QUESTION_AND_ANSWER:
        return True
    if not isinstance(viewer, Member) or can_moderate(viewer):
        return isinstance(viewer, Member)
    return Post.objects.filter(thread=thread, author=viewer, is_hidden=False).exists()
