"""Background work for the forums: telling members about posts.

A task rather than the request: a reply in a thread with hundreds of followers makes
hundreds of notifications (and, later, their mail) without keeping its author waiting.
Services enqueue these after commit (services/announcing.py). Every notification has a
dedupe key per post and recipient, so a task run twice tells nobody twice.
"""

from __future__ import annotations

from django_tasks import task

from tertulia.forums.services import post_notices


@task()
def tell_about_post(post_id: int) -> int:
    """Notify the post's mentions and followers; how many notifications it stands for."""
    return post_notices.tell_about_post(post_id)


@task()
def tell_new_mentions(post_id: int, member_ids: list[int]) -> int:
    """Notify the members an edit named for the first time."""
    return post_notices.tell_new_mentions(post_id, member_ids)


@task()
def send_held_mail_now(post_id: int) -> int:
    """The author asked not to wait for the edit window; how many mails were released."""
    return post_notices.send_held_mail_now(post_id)
