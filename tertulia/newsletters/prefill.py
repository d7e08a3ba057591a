"""The sections a new edition starts with, written from what the community did.

For the period since the previous issue (`Issue.covers_since`): the virtual dialogues
that are open or announced, the events coming up, the resources published, the
trainings whose applications close soon and the busiest discussions. Each becomes one
Markdown block (a heading and a list of links), in the edition's language, that the
facilitator then edits freely; a kind with nothing to report gives no section.

Only what a visitor may read is listed: the newsletter's archive is public.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tertulia.core.timezones import UTC
from tertulia.dialogues.models import DialogueStatus
from tertulia.dialogues.queries.lists import current_dialogues
from tertulia.events.queries.listing import upcoming_events
from tertulia.forums.models import Thread
from tertulia.forums.queries.visibility import readable_forums, visible_to_everyone
from tertulia.forums.text import escape_markdown
from tertulia.library.models import Resource, ResourceStatus
from tertulia.newsletters.drafts import SectionDraft
from tertulia.notifications.mail import absolute_url
from tertulia.trainings.queries import closing_soon

EVENTS_AHEAD = timedelta(days=60)
DEADLINES_AHEAD = timedelta(days=30)
MAX_ITEMS = 8
MAX_THREADS = 5


def _literal(text: str) -> str:
    """Text shown literally in Markdown, on one line: a title with "*", "[" or "&copy;"
    stays that title."""
    return escape_markdown(" ".join(text.split()))


def _link(title: str, url: str, *, number: int | None = None) -> str:
    """A bold link to `url` reading `title` (after "12. " for a numbered dialogue)."""
    label = _literal(title) if number is None else f"{number}. {_literal(title)}"
    return f"[**{label}**]({absolute_url(url)})"


def _dialogues(since: datetime, now: datetime) -> list[str]:
    current = current_dialogues(UTC, now, with_latest_past=False)
    lines = []
    for card in [*current.open, *current.announced][:MAX_ITEMS]:
        dialogue = card.dialogue
        url = reverse("dialogue-detail", kwargs={"number": dialogue.number, "slug": dialogue.slug})
        first = formats.date_format(dialogue.opens_on, "DATE_FORMAT")
        last = formats.date_format(dialogue.closes_on, "DATE_FORMAT")
        if card.status == DialogueStatus.OPEN:
            when = _("open until %(last)s") % {"last": last}
        else:
            when = _("from %(first)s to %(last)s") % {"first": first, "last": last}
        link = _link(dialogue.title, url, number=dialogue.number)
        lines.append(f"- {link}, {when}: {_literal(dialogue.summary)}")
    return lines


def _events(since: datetime, now: datetime) -> list[str]:
    rows = upcoming_events(AnonymousUser(), {}, None, now).rows
    lines = []
    for row in rows:
        event = row.event
        if event.is_cancelled or event.starts_at > now + EVENTS_AHEAD or event.starts_at < now:
            continue
        url = reverse("event-detail", kwargs={"event_id": event.pk, "slug": event.slug})
        local = event.starts_at.astimezone(ZoneInfo(event.time_zone))
        when = _("%(day)s at %(time)s (%(zone)s time)") % {
            "day": formats.date_format(local, "DATE_FORMAT"),
            "time": formats.time_format(local, "TIME_FORMAT"),
            "zone": event.time_zone,
        }
        lines.append(f"- {_link(event.title, url)}: {event.get_kind_display()}, {when}")
        if len(lines) == MAX_ITEMS:
            break
    return lines


def _resources(since: datetime, now: datetime) -> list[str]:
    resources = Resource.objects.filter(
        status=ResourceStatus.PUBLISHED, published_at__gte=since, published_at__lte=now
    ).order_by("-published_at", "-pk")[:MAX_ITEMS]
    lines = []
    for resource in resources:
        url = reverse("resource-detail", kwargs={"resource_id": resource.pk, "slug": resource.slug})
        by = resource.authors or resource.organisation
        detail = f"{resource.get_kind_display()}, {by}" if by else resource.get_kind_display()
        lines.append(f"- {_link(resource.title, url)}: {_literal(detail)}")
    return lines


def _trainings(since: datetime, now: datetime) -> list[str]:
    lines = []
    for training in closing_soon(limit=MAX_ITEMS, now=now):
        if training.applications_close_at > now + DEADLINES_AHEAD:
            break
        url = reverse("training-detail", kwargs={"training_id": training.pk, "slug": training.slug})
        closes = _("applications close on %(day)s") % {
            "day": formats.date_format(training.closing_day, "DATE_FORMAT")
        }
        lines.append(f"- {_link(training.title, url)}: {_literal(training.provider)}, {closes}")
    return lines


def _threads(since: datetime, now: datetime) -> list[str]:
    forum_ids = list(readable_forums(AnonymousUser()).values_list("pk", flat=True))
    new_posts = Q(
        posts__created_at__gte=since,
        posts__created_at__lte=now,
        posts__is_hidden=False,
        posts__is_approved=True,
    )
    threads = (
        Thread.objects.filter(visible_to_everyone(), forum_id__in=forum_ids)
        .annotate(new_posts=Count("posts", filter=new_posts))
        .filter(new_posts__gt=0)
        .select_related("forum")
        .order_by("-new_posts", "-last_activity_at", "-pk")[:MAX_THREADS]
    )
    lines = []
    for thread in threads:
        url = reverse("thread-detail", kwargs={"thread_id": thread.pk})
        count: int = thread.new_posts
        detail = ngettext(
            "%(count)s new post in %(forum)s", "%(count)s new posts in %(forum)s", count
        ) % {"count": count, "forum": thread.forum.title}
        lines.append(f"- {_link(thread.title, url)}: {_literal(detail)}")
    return lines


def _sections() -> list[tuple[str, Callable[[datetime, datetime], list[str]]]]:
    return [
        (_("Virtual dialogues"), _dialogues),
        (_("Coming events"), _events),
        (_("New in the resource library"), _resources),
        (_("Trainings: applications closing soon"), _trainings),
        (_("Most active discussions"), _threads),
    ]


def prefilled_sections(
    language: str, since: datetime, now: datetime | None = None
) -> list[SectionDraft]:
    """The starting sections of an edition in `language`, for the period from `since`."""
    now = now or timezone.now()
    drafts = []
    with translation.override(language):
        for heading, lines_for in _sections():
            lines = lines_for(since, now)
            if lines:
                drafts.append(SectionDraft(heading=heading, body="\n".join(lines)))
    return drafts


def default_period_start(previous_sent_at: datetime | None, now: datetime) -> datetime:
    """Since the previous issue went out; a month back for the very first issue."""
    return previous_sent_at or now - timedelta(days=30)
