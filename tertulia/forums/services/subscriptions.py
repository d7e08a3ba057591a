"""Following forums (new threads) and threads (new replies).

Followers hear of new threads and replies through post_notices (in the background, see
tasks.py), as the notifications app delivers them: on the site, by mail, in a digest. Members
follow the threads they start or reply to unless they turned that off in their profile
(Member.follows_threads_on_posting); any thread can be unfollowed from its page.
"""

from __future__ import annotations

from django.db import transaction

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Subscription, Thread
from tertulia.forums.permissions import check_read_forum, check_read_thread


def follow_thread_by_default(member: Member, thread: Thread) -> None:
    """Called when a member starts or replies to a thread."""
    if member.follows_threads_on_posting:
        Subscription.objects.get_or_create(member=member, thread=thread)


def subscribe_to_forum(member: Member, forum: Forum) -> Subscription:
    check_read_forum(member, forum)
    with transaction.atomic():
        subscription, _created = Subscription.objects.get_or_create(member=member, forum=forum)
    return subscription


def unsubscribe_from_forum(member: Member, forum: Forum) -> None:
    Subscription.objects.filter(member=member, forum=forum).delete()


def subscribe_to_thread(member: Member, thread: Thread) -> Subscription:
    check_read_thread(member, thread)
    with transaction.atomic():
        subscription, _created = Subscription.objects.get_or_create(member=member, thread=thread)
    return subscription


def unsubscribe_from_thread(member: Member, thread: Thread) -> None:
    Subscription.objects.filter(member=member, thread=thread).delete()
