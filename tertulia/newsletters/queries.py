"""Reads for the newsletter pages: the public archive and the facilitators' pages.

Each function returns what one page shows in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from tertulia.core.pagination import paginate
from tertulia.newsletters.delivery import recipients, stale_after
from tertulia.newsletters.editions import EDITION_LANGUAGES, edition_language, pick_edition
from tertulia.newsletters.models import DeliveryStatus, Edition, Issue, IssueDelivery, IssueStatus

ARCHIVE_PER_PAGE = 12
MANAGE_PER_PAGE = 20


# --- The public archive ------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveEntry:
    issue: Issue
    edition: Edition  # the one the viewer reads
    other_editions: list[Edition]


def archive_page(language: str, page_number: str | None) -> tuple[Page[Issue], list[ArchiveEntry]]:
    """Sent issues, the latest first, each in the viewer's edition (three queries)."""
    issues = (
        Issue.objects.filter(status=IssueStatus.SENT)
        .order_by("-sent_at", "-pk")
        .prefetch_related(Prefetch("editions", queryset=Edition.objects.only(
            "pk", "issue_id", "language", "title"
        )))
    )  # fmt: skip
    page = paginate(issues, page_number, ARCHIVE_PER_PAGE)
    entries = []
    for issue in page.object_list:
        editions = list(issue.editions.all())
        chosen = pick_edition(language, editions)
        if chosen is not None:
            others = [edition for edition in editions if edition.pk != chosen.pk]
            entries.append(ArchiveEntry(issue=issue, edition=chosen, other_editions=others))
    return page, entries


@dataclass(frozen=True)
class IssueReading:
    issue: Issue
    edition: Edition  # with its sections
    editions: list[Edition]  # every edition, for the language switch


def issue_reading(issue_id: int, language: str, *, exact: bool) -> IssueReading:
    """A sent issue in the viewer's edition (or exactly `language` when `exact`); 404 for
    drafts, issues being sent and missing editions (three queries)."""
    issue = Issue.objects.filter(pk=issue_id, status=IssueStatus.SENT).first()
    if issue is None:
        raise Http404
    editions = list(Edition.objects.filter(issue=issue).only("pk", "issue_id", "language", "title"))
    chosen = (
        next((e for e in editions if e.language == language), None)
        if exact
        else pick_edition(language, editions)
    )
    if chosen is None:
        raise Http404
    edition = Edition.objects.prefetch_related("sections").get(pk=chosen.pk)
    return IssueReading(issue=issue, edition=edition, editions=editions)


# --- Facilitators' pages ---------------------------------------------------------------


def manage_page(page_number: str | None) -> Page[Issue]:
    """Every issue, drafts and sent, the newest first, with their editions (three queries)."""
    issues = Issue.objects.order_by("-created_at", "-pk").prefetch_related(
        Prefetch("editions", queryset=Edition.objects.only("pk", "issue_id", "language", "title"))
    )
    return paginate(issues, page_number, MANAGE_PER_PAGE)


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: int
    skipped: int
    waiting: int  # pending or being sent
    last_activity: datetime | None

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.skipped

    def is_stalled(self, issue: Issue, now: datetime) -> bool:
        """Sending, yet nothing happened for well over the time a claim takes to go stale
        (by then a live queue would have taken the abandoned rows over)."""
        if issue.status != IssueStatus.SENDING:
            return False
        moments = [m for m in (self.last_activity, issue.send_requested_at) if m is not None]
        return not moments or max(moments) < now - stale_after() * 1.5


def issue_progress(issue: Issue) -> Progress:
    """How far the sending is (one query)."""
    counts = IssueDelivery.objects.filter(issue=issue).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        skipped=Count("pk", filter=Q(status=DeliveryStatus.SKIPPED)),
        waiting=Count("pk", filter=Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING])),
        last_sent=Max("sent_at"),
        last_claim=Max("claimed_at"),
    )
    moments = [m for m in (counts["last_sent"], counts["last_claim"]) if m is not None]
    return Progress(
        total=counts["total"],
        sent=counts["sent"],
        failed=counts["failed"],
        skipped=counts["skipped"],
        waiting=counts["waiting"],
        last_activity=max(moments) if moments else None,
    )


@dataclass(frozen=True)
class AudienceShare:
    language: str  # the edition's language
    members: int


@dataclass(frozen=True)
class IssueManagement:
    issue: Issue
    editions: list[Edition]
    missing_languages: list[str]
    progress: Progress | None  # once sending started
    audience: list[AudienceShare]  # before: who would get which edition
    is_stalled: bool


def _audience(languages: list[str]) -> list[AudienceShare]:
    by_reader = recipients().values_list("interface_language").annotate(members=Count("pk"))
    shares: dict[str, int] = {}
    for reader_language, members in by_reader:
        chosen = edition_language(reader_language, languages)
        if chosen is not None:
            shares[chosen] = shares.get(chosen, 0) + members
    return [
        AudienceShare(language=code, members=shares[code]) for code in languages if code in shares
    ]


def issue_management(issue_id: int, *, now: datetime | None = None) -> IssueManagement:
    """The facilitators' page of one issue (three queries)."""
    issue = (
        Issue.objects.select_related("created_by", "send_requested_by").filter(pk=issue_id).first()
    )
    if issue is None:
        raise Http404
    editions = list(Edition.objects.filter(issue=issue).order_by("language"))
    present = [edition.language for edition in editions]
    progress = None if issue.status == IssueStatus.DRAFT else issue_progress(issue)
    return IssueManagement(
        issue=issue,
        editions=editions,
        missing_languages=[code for code in EDITION_LANGUAGES if code not in present],
        progress=progress,
        audience=_audience(present) if issue.status == IssueStatus.DRAFT else [],
        is_stalled=progress is not None and progress.is_stalled(issue, now or timezone.now()),
    )


def issue_for_progress(issue_id: int) -> tuple[Issue, Progress]:
    """The progress fragment's issue and counts (two queries)."""
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None:
        raise Http404
    return issue, issue_progress(issue)


def edition_for_editing(
    issue_id: int, language: str
) -> tuple[Issue, Edition | None, list[Edition]]:
    """The issue, its edition in `language` (None when not written yet, sections loaded)
    and its other editions (two queries)."""
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None or language not in EDITION_LANGUAGES:
        raise Http404
    editions = list(Edition.objects.filter(issue=issue).prefetch_related("sections"))
    edition = next((e for e in editions if e.language == language), None)
    return issue, edition, [e for e in editions if e.language != language]


def latest_sent_at() -> datetime | None:
    """When the previous issue went out: the start of a new issue's period."""
    return (
        Issue.objects.filter(status=IssueStatus.SENT, sent_at__isnull=False)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
