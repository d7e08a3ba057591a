"""A dialogue's statistics, counted from what happened rather than typed in.

Participants are the members who wrote a visible post in the dialogue's forum together
with the members who attended its events, each counted once. Attendance is what
facilitators marked (`Registration.attended=True`); for an event where attendance was
never marked (no registration has `attended` set), its registered members count
instead, since they are the best record there is. Cancelled events count for nothing.

Posts are the visible posts (not hidden, approved) in visible threads; threads are the
visible threads with at least one such post. Countries and languages are those of the
participants' profiles (`Member.country`, their spoken languages).

The numbers are cached per dialogue under a key made of what changes them: the forum's
post count and last post, the dialogue's `updated_at`, and the linked events' counts; a
short lifetime covers the rest (attendance marked later, a post hidden).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django_countries import countries

from tertulia.accounts.models import Member, MemberLanguage
from tertulia.dialogues.models import Dialogue
from tertulia.events.models import Event, EventStatus, Registration, RegistrationStatus
from tertulia.forums.models import Post, Thread

CACHE_SECONDS = 10 * 60


@dataclass(frozen=True)
class DialogueStatistics:
    participants: int
    posters: int
    attendees: int
    posts: int
    threads: int
    countries: tuple[str, ...]  # ISO codes, sorted
    languages: tuple[tuple[str, int], ...]  # (code, participants who speak it), most first
    attendance_from_registrations: bool  # some event had no attendance marked

    @property
    def country_count(self) -> int:
        return len(self.countries)

    @property
    def country_names(self) -> list[str]:
        """Country names in the active language, sorted by name."""
        return sorted(str(countries.name(code)) for code in self.countries)


def _visible_posts(dialogue: Dialogue) -> QuerySet[Post]:
    return Post.objects.filter(
        thread__forum_id=dialogue.forum_id,
        thread__is_hidden=False,
        is_hidden=False,
        is_approved=True,
    )


def _attendance_filter(event_ids: QuerySet[Event, Any]) -> Q:
    """Registrations that mean "was there", by the rule in the module docstring."""
    marked_events = Registration.objects.filter(event__in=event_ids, attended__isnull=False).values(
        "event_id"
    )
    attended = Q(event__in=marked_events, attended=True)
    registered = Q(status=RegistrationStatus.REGISTERED) & ~Q(event__in=marked_events)
    return Q(event__in=event_ids) & (attended | registered)


def compute_statistics(dialogue: Dialogue) -> DialogueStatistics:
    """Count everything afresh (a fixed number of queries, whatever the size)."""
    events = Event.objects.filter(dialogues=dialogue).exclude(status=EventStatus.CANCELLED)
    event_ids = events.values("pk")
    posts = _visible_posts(dialogue)
    poster_ids = posts.values("author_id")
    attendee_ids = Registration.objects.filter(_attendance_filter(event_ids)).values("member_id")
    participants = Member.objects.filter(Q(pk__in=poster_ids) | Q(pk__in=attendee_ids))

    counts = participants.aggregate(
        total=Count("pk", distinct=True),
        posters=Count("pk", filter=Q(pk__in=poster_ids), distinct=True),
        attendees=Count("pk", filter=Q(pk__in=attendee_ids), distinct=True),
    )
    country_codes = sorted(
        {str(code) for code in participants.exclude(country="").values_list("country", flat=True)}
    )
    languages = (
        MemberLanguage.objects.filter(member__in=participants.values("pk"))
        .values("code")
        .annotate(speakers=Count("member", distinct=True))
        .order_by("-speakers", "code")
    )
    unmarked = (
        events.filter(registrations__status=RegistrationStatus.REGISTERED)
        .exclude(registrations__attended__isnull=False)
        .exists()
    )
    thread_count = (
        Thread.objects.filter(forum_id=dialogue.forum_id, is_hidden=False)
        .filter(pk__in=posts.values("thread_id"))
        .count()
    )
    return DialogueStatistics(
        participants=counts["total"],
        posters=counts["posters"],
        attendees=counts["attendees"],
        posts=posts.count(),
        threads=thread_count,
        countries=tuple(country_codes),
        languages=tuple((row["code"], row["speakers"]) for row in languages),
        attendance_from_registrations=unmarked,
    )


def _cache_key(dialogue: Dialogue, events: Sequence[Event]) -> str:
    forum = dialogue.forum
    signature = "|".join(
        [
            f"{forum.post_count}.{forum.thread_count}.{forum.last_post_id}",
            dialogue.updated_at.isoformat(),
            *(f"{e.pk}.{e.registered_count}.{e.updated_at.isoformat()}" for e in events),
        ]
    )
    digest = hashlib.blake2b(signature.encode(), digest_size=16).hexdigest()
    return f"dialogues:stats:{dialogue.pk}:{digest}"


def dialogue_statistics(dialogue: Dialogue, events: Sequence[Event]) -> DialogueStatistics:
    """The statistics, from the cache when nothing they count has visibly changed.

    `events` are the dialogue's events as the page already loaded them (with the
    dialogue's forum), so building the key costs no query."""
    key = _cache_key(dialogue, events)
    stats: DialogueStatistics | None = cache.get(key)
    if stats is None:
        stats = compute_statistics(dialogue)
        cache.set(key, stats, CACHE_SECONDS)
    return stats
