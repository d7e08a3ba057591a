"""What one member's digest holds, chosen from what queries.py read for a whole batch.

Sections, each left out when empty:

- notifications whose delivery is this digest's, not mailed yet, created before the
  period's end and no longer held (a post inside its edit window waits for the next one);
  those scoped to a forum the member can no longer read are left out;
- per followed forum (see cadences.py): threads started in the period, and the period's
  popular posts (likes plus direct replies, at least POPULAR_MIN_SCORE). The forums
  notify followers of each new thread (NEW_THREAD, grouped "thread:<id>"); such a
  notification for a thread listed here is *absorbed*: marked mailed with the digest
  but shown as the thread in its forum, not a second time among the notifications;
- the agenda: events the member is registered for that start before the next digest,
  and trainings taught in a language the member reads (their interface language or one
  they speak) whose application deadline comes within DEADLINE_HORIZON, each told once
  (when it comes within the horizon, or when it is published already inside it).

Only what the member may read is listed: forums by `can_read_forum`, threads and posts
that every reader of the forum sees (not hidden, approved, not merged away), and in
question-and-answer forums only questions, since answers show after one's own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cached_property

from tertulia.accounts.models import Member
from tertulia.events.models import Registration
from tertulia.forums.models import Forum, Post, Thread
from tertulia.forums.permissions import can_read_forum
from tertulia.newsletters.digests.cadences import DigestChoices
from tertulia.newsletters.digests.schedule import Period
from tertulia.notifications.models import DigestFormat, Kind, Notification
from tertulia.trainings.models import Training

MAX_NOTIFICATIONS = 100  # the rest wait for the next digest
MAX_THREADS_PER_FORUM = 10
POPULAR_MIN_SCORE = 2
MAX_POPULAR_POSTS = 5
MAX_TRAININGS = 10
DEADLINE_HORIZON = timedelta(days=7)


@dataclass(frozen=True)
class Recipient:
    """A member due for a digest, with what decides its content."""

    member: Member
    period: Period
    digest_format: str
    choices: DigestChoices

    @property
    def full(self) -> bool:
        return self.digest_format != DigestFormat.SUBJECTS

    @cached_property
    def has_agenda(self) -> bool:
        return self.choices.agenda_cadence() == self.period.cadence


@dataclass(frozen=True)
class NewThread:
    thread: Thread
    first_post: Post | None  # read for "full posts" only


@dataclass(frozen=True)
class ForumNews:
    forum: Forum
    threads: list[NewThread]
    more: int  # threads left out of the list


@dataclass(frozen=True)
class PopularPost:
    post: Post
    forum: Forum
    replies: int


@dataclass(frozen=True)
class Digest:
    recipient: Recipient
    notifications: list[Notification] = field(default_factory=list)  # shown
    absorbed: list[Notification] = field(default_factory=list)  # told as a new thread
    forums: list[ForumNews] = field(default_factory=list)
    popular: list[PopularPost] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)

    @property
    def member(self) -> Member:
        return self.recipient.member

    @property
    def period(self) -> Period:
        return self.recipient.period

    @property
    def is_empty(self) -> bool:
        return not (
            self.notifications
            or self.forums
            or self.popular
            or self.registrations
            or self.trainings
        )

    @property
    def notification_ids(self) -> list[int]:
        """Every notification this digest tells, shown or absorbed (to be marked)."""
        return [notification.pk for notification in [*self.notifications, *self.absorbed]]

    def keeping_notifications(self, ids: set[int]) -> Digest:
        """The same digest with only these notifications (the others were taken away)."""
        return replace(
            self,
            notifications=[n for n in self.notifications if n.pk in ids],
            absorbed=[n for n in self.absorbed if n.pk in ids],
        )


@dataclass(frozen=True)
class BatchContent:
    """Everything read for a batch of recipients (queries.py); each digest picks its part."""

    now: datetime
    pending: dict[int, list[Notification]]
    forums: dict[int, Forum]
    # Per member: the followed forums they may read whose news goes in this digest.
    digest_forums: dict[int, set[int]]
    new_threads: list[NewThread]
    popular: list[tuple[Post, int]]
    registrations: dict[int, list[Registration]]
    trainings: list[Training]
    languages: dict[int, set[str]]  # spoken, besides the interface language


def forum_id_of(scope: str) -> int | None:
    """3 for "forum:3"; None for any other scope."""
    name, _sep, value = scope.partition(":")
    return int(value) if name == "forum" and value.isdigit() else None


def _in_period(moment: datetime, period: Period) -> bool:
    return period.start <= moment < period.end


def _is_released(notification: Notification, now: datetime) -> bool:
    """Not held back any more (a post's notification waits out its edit window)."""
    return notification.send_after is None or notification.send_after <= now


def _forum_news(recipient: Recipient, content: BatchContent) -> list[ForumNews]:
    member = recipient.member
    wanted = content.digest_forums.get(member.pk, set())
    by_forum: dict[int, list[NewThread]] = defaultdict(list)
    for item in content.new_threads:
        thread = item.thread
        if (
            thread.forum_id in wanted
            and thread.author_id != member.pk
            and _in_period(thread.created_at, recipient.period)
        ):
            by_forum[thread.forum_id].append(item)
    forums = content.forums
    ordered = sorted(by_forum, key=lambda forum_id: (forums[forum_id].position, forum_id))
    return [
        ForumNews(
            forum=forums[forum_id],
            threads=by_forum[forum_id][:MAX_THREADS_PER_FORUM],
            more=max(len(by_forum[forum_id]) - MAX_THREADS_PER_FORUM, 0),
        )
        for forum_id in ordered
    ]


def _popular(recipient: Recipient, content: BatchContent, listed: set[int]) -> list[PopularPost]:
    member = recipient.member
    wanted = content.digest_forums.get(member.pk, set())
    chosen: list[PopularPost] = []
    for post, replies in content.popular:
        forum_id = post.thread.forum_id
        if (
            forum_id not in wanted
            or post.author_id == member.pk
            or not _in_period(post.created_at, recipient.period)
            or (post.position == 1 and post.thread_id in listed)
        ):
            continue
        chosen.append(PopularPost(post=post, forum=content.forums[forum_id], replies=replies))
        if len(chosen) == MAX_POPULAR_POSTS:
            break
    return chosen


def _may_read_scope(member: Member, scope: str, forums: dict[int, Forum]) -> bool:
    forum_id = forum_id_of(scope)
    if forum_id is None:
        return True
    forum = forums.get(forum_id)
    return forum is not None and can_read_forum(member, forum)


def _notifications(
    recipient: Recipient, content: BatchContent, listed: set[int]
) -> tuple[list[Notification], list[Notification]]:
    """(shown, absorbed): see the module's docstring."""
    member, period = recipient.member, recipient.period
    told = {f"thread:{thread_id}" for thread_id in listed}
    rows = [
        row
        for row in content.pending.get(member.pk, [])
        if row.created_at < period.end and _may_read_scope(member, row.scope, content.forums)
    ]
    absorbed = [row for row in rows if row.kind == Kind.NEW_THREAD and row.group in told]
    absorbed_ids = {row.pk for row in absorbed}
    shown = [row for row in rows if row.pk not in absorbed_ids and _is_released(row, content.now)]
    return shown[:MAX_NOTIFICATIONS], absorbed


def _is_deadline_news(training: Training, period: Period, now: datetime) -> bool:
    """Closing within the horizon of this digest and not within that of the previous
    one, or published since: each deadline is announced once per cadence."""
    closes = training.applications_close_at
    if not (max(period.end, now) < closes <= period.end + DEADLINE_HORIZON):
        return False
    published = training.published_at
    newly_published = published is not None and period.start <= published < period.end
    return closes > period.start + DEADLINE_HORIZON or newly_published


def _trainings(recipient: Recipient, content: BatchContent) -> list[Training]:
    if not recipient.has_agenda:
        return []
    member = recipient.member
    reads = content.languages.get(member.pk, set()) | {member.interface_language}
    return [
        training
        for training in content.trainings
        if _is_deadline_news(training, recipient.period, content.now)
        # A training that lists no language is for everyone.
        and (not training.languages or bool(set(training.languages) & reads))
    ][:MAX_TRAININGS]


def digest_for(recipient: Recipient, content: BatchContent) -> Digest:
    news = _forum_news(recipient, content)
    listed = {item.thread.pk for section in news for item in section.threads}
    shown, absorbed = _notifications(recipient, content, listed)
    next_end = recipient.period.next_end
    return Digest(
        recipient=recipient,
        notifications=shown,
        absorbed=absorbed,
        forums=news,
        popular=_popular(recipient, content, listed),
        registrations=[
            row
            for row in content.registrations.get(recipient.member.pk, [])
            if row.event.starts_at < next_end
        ],
        trainings=_trainings(recipient, content),
    )
