"""The reads behind a batch of digests: a constant number of queries per batch (one per
kind of content), whatever the batch's size; contents.py then picks each member's part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from django.db.models import Count, F, Q

from tertulia.accounts.models import MemberLanguage
from tertulia.events.models import EventStatus, Registration, RegistrationStatus
from tertulia.forums.models import Forum, ForumKind, Post, Subscription, Thread
from tertulia.forums.permissions import can_read_forum
from tertulia.forums.queries.visibility import visible_to_everyone
from tertulia.newsletters.digests.cadences import Cadence
from tertulia.newsletters.digests.contents import (
    DEADLINE_HORIZON,
    POPULAR_MIN_SCORE,
    BatchContent,
    Digest,
    NewThread,
    Recipient,
    digest_for,
    forum_id_of,
)
from tertulia.notifications.models import Notification
from tertulia.trainings.models import Training, TrainingStatus

# Pending notifications older than this stay on the site only (a digest is news).
NOTIFICATION_MAX_AGE = timedelta(days=30)
POPULAR_SCAN = 500


@dataclass(frozen=True)
class _Batch:
    recipients: Sequence[Recipient]
    cadence: Cadence
    now: datetime

    @property
    def ids(self) -> list[int]:
        return [recipient.member.pk for recipient in self.recipients]

    @cached_property
    def agenda_ids(self) -> list[int]:
        return [r.member.pk for r in self.recipients if r.has_agenda]

    @property
    def earliest_start(self) -> datetime:
        return min(recipient.period.start for recipient in self.recipients)

    @property
    def latest_end(self) -> datetime:
        return max(recipient.period.end for recipient in self.recipients)

    @property
    def latest_next_end(self) -> datetime:
        return max(recipient.period.next_end for recipient in self.recipients)


def _pending_notifications(batch: _Batch) -> dict[int, list[Notification]]:
    rows = (
        Notification.objects.filter(
            recipient_id__in=batch.ids,
            delivery=batch.cadence.delivery,
            emailed_at__isnull=True,
            created_at__lt=batch.latest_end,
            created_at__gte=batch.now - NOTIFICATION_MAX_AGE,
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
    found: dict[int, list[Notification]] = defaultdict(list)
    for row in rows:
        found[row.recipient_id].append(row)
    return found


def _followed_forums(batch: _Batch) -> dict[int, list[int]]:
    pairs = Subscription.objects.filter(member_id__in=batch.ids, forum__isnull=False).values_list(
        "member_id", "forum_id"
    )
    followed: dict[int, list[int]] = defaultdict(list)
    for member_id, forum_id in pairs:
        if forum_id is not None:
            followed[member_id].append(forum_id)
    return followed


def _new_threads(batch: _Batch, forum_ids: set[int], with_posts: bool) -> list[NewThread]:
    threads = list(
        Thread.objects.filter(
            forum_id__in=forum_ids,
            created_at__gte=batch.earliest_start,
            created_at__lt=batch.latest_end,
            merged_into__isnull=True,
        )
        .filter(visible_to_everyone())
        .select_related("author")
        .order_by("created_at", "id")
    )
    first_posts: dict[int, Post] = {}
    if with_posts and threads:
        posts = Post.objects.filter(
            thread_id__in=[thread.pk for thread in threads],
            position=1,
            is_hidden=False,
            is_approved=True,
        ).only("id", "thread_id", "body_html")
        first_posts = {post.thread_id: post for post in posts}
    return [NewThread(thread=thread, first_post=first_posts.get(thread.pk)) for thread in threads]


def _popular_posts(batch: _Batch, forum_ids: set[int]) -> list[tuple[Post, int]]:
    visible_replies = Q(replies__is_hidden=False, replies__is_approved=True)
    posts = (
        Post.objects.filter(
            thread__forum_id__in=forum_ids,
            created_at__gte=batch.earliest_start,
            created_at__lt=batch.latest_end,
            is_hidden=False,
            is_approved=True,
            thread__is_hidden=False,
            thread__merged_into__isnull=True,
        )
        # In question-and-answer forums answers show only after one's own: questions only.
        .exclude(thread__forum__kind=ForumKind.QUESTION_AND_ANSWER, position__gt=1)
        .annotate(reply_total=Count("replies", filter=visible_replies))
        .annotate(score=F("like_count") + F("reply_total"))
        .filter(score__gte=POPULAR_MIN_SCORE)
        .select_related("thread", "author")
        .order_by("-score", "-created_at", "-id")[:POPULAR_SCAN]
    )
    return [(post, post.reply_total) for post in posts]


def _registrations(batch: _Batch) -> dict[int, list[Registration]]:
    if not batch.agenda_ids:
        return {}
    rows = (
        Registration.objects.filter(
            member_id__in=batch.agenda_ids,
            status=RegistrationStatus.REGISTERED,
            event__status=EventStatus.SCHEDULED,
            event__starts_at__gte=batch.now,
            event__starts_at__lt=batch.latest_next_end,
        )
        .select_related("event")
        .order_by("event__starts_at", "event_id")
    )
    found: dict[int, list[Registration]] = defaultdict(list)
    for row in rows:
        found[row.member_id].append(row)
    return found


def _closing_trainings(batch: _Batch) -> list[Training]:
    if not batch.agenda_ids:
        return []
    return list(
        Training.objects.filter(
            status=TrainingStatus.PUBLISHED,
            applications_close_at__gt=batch.now,
            applications_close_at__lte=batch.latest_end + DEADLINE_HORIZON,
        ).order_by("applications_close_at", "id")
    )


def _spoken_languages(batch: _Batch) -> dict[int, set[str]]:
    pairs = MemberLanguage.objects.filter(member_id__in=batch.agenda_ids).values_list(
        "member_id", "code"
    )
    spoken: dict[int, set[str]] = defaultdict(set)
    for member_id, code in pairs:
        spoken[member_id].add(code)
    return spoken


def _digest_forums(
    batch: _Batch, followed: dict[int, list[int]], forums: dict[int, Forum]
) -> dict[int, set[int]]:
    return {
        r.member.pk: {
            forum_id
            for forum_id in followed.get(r.member.pk, [])
            if forum_id in forums
            and r.choices.follows_forum_in(batch.cadence, forum_id)
            and can_read_forum(r.member, forums[forum_id])
        }
        for r in batch.recipients
    }


def read_batch(recipients: Sequence[Recipient], cadence: Cadence, now: datetime) -> BatchContent:
    batch = _Batch(recipients=recipients, cadence=cadence, now=now)
    pending = _pending_notifications(batch)
    followed = _followed_forums(batch)
    scoped = {
        forum_id
        for rows in pending.values()
        for row in rows
        if (forum_id := forum_id_of(row.scope)) is not None
    }
    forum_ids = {forum_id for ids in followed.values() for forum_id in ids} | scoped
    forums = {forum.pk: forum for forum in Forum.objects.filter(pk__in=forum_ids)}
    digest_forums = _digest_forums(batch, followed, forums)
    wanted = set().union(*digest_forums.values())
    with_posts = any(recipient.full for recipient in recipients)
    trainings = _closing_trainings(batch)
    return BatchContent(
        now=now,
        pending=pending,
        forums=forums,
        digest_forums=digest_forums,
        new_threads=_new_threads(batch, wanted, with_posts) if wanted else [],
        popular=_popular_posts(batch, wanted) if wanted else [],
        registrations=_registrations(batch),
        trainings=trainings,
        languages=_spoken_languages(batch) if trainings else {},
    )


def build_digests(recipients: Sequence[Recipient], cadence: Cadence, now: datetime) -> list[Digest]:
    """One digest per recipient (possibly empty), read together."""
    if not recipients:
        return []
    content = read_batch(recipients, cadence, now)
    return [digest_for(recipient, content) for recipient in recipients]
