"""The dialogue lists: current and upcoming dialogues, and the archive of past ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Page
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tertulia.core.models import Theme
from tertulia.core.pagination import paginate
from tertulia.core.validators import parse_id
from tertulia.dialogues.models import Dialogue, DialogueStatus
from tertulia.dialogues.windows import LocalDates, dates_in_zone
from tertulia.forums.languages import content_language_choices, is_content_language

ARCHIVE_PER_PAGE = 12


def with_list_details(dialogues: QuerySet[Dialogue]) -> QuerySet[Dialogue]:
    """What a dialogue card shows: its forum's counts and its themes (two queries)."""
    return dialogues.select_related("forum").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name_en"))
    )


@dataclass(frozen=True)
class DialogueCard:
    dialogue: Dialogue
    status: str
    dates: LocalDates  # the window as the viewer reads it, in their zone


def card(dialogue: Dialogue, zone: str, now: datetime) -> DialogueCard:
    return DialogueCard(
        dialogue=dialogue,
        status=dialogue.status(now),
        dates=dates_in_zone(dialogue.opens_at, dialogue.closes_at, zone),
    )


@dataclass
class CurrentDialogues:
    open: list[DialogueCard] = field(default_factory=list)
    announced: list[DialogueCard] = field(default_factory=list)
    latest_past: DialogueCard | None = None


def current_dialogues(
    zone: str, now: datetime | None = None, *, with_latest_past: bool = True
) -> CurrentDialogues:
    """Open dialogues (closing soonest first), announced ones (opening soonest first) and
    the most recent closed one: three queries (two without the closed one)."""
    now = now or timezone.now()
    rows = with_list_details(Dialogue.objects.filter(closes_at__gt=now).order_by("opens_at"))
    current = CurrentDialogues()
    for dialogue in rows:
        item = card(dialogue, zone, now)
        if item.status == DialogueStatus.OPEN:
            current.open.append(item)
        else:
            current.announced.append(item)
    current.open.sort(key=lambda item: item.dialogue.closes_at)
    past = (
        Dialogue.objects.filter(closes_at__lte=now).order_by("-closes_at").first()
        if with_latest_past
        else None
    )
    if past is not None:
        current.latest_past = card(past, zone, now)
    return current


@dataclass(frozen=True)
class ArchiveFilters:
    year: int | None = None
    language: str = ""
    theme: str = ""  # a theme's slug

    @property
    def is_empty(self) -> bool:
        return self.year is None and not self.language and not self.theme

    def query_string(self) -> str:
        parts = []
        if self.year:
            parts.append(f"year={self.year}")
        if self.language:
            parts.append(f"language={self.language}")
        if self.theme:
            parts.append(f"theme={self.theme}")
        return "&".join(parts)


def parse_archive_filters(params: dict[str, str]) -> ArchiveFilters:
    """Filters from the query string; anything malformed is ignored, never an error."""
    year = parse_id(params.get("year", ""))
    if year is not None and not 1900 < year < 3000:
        year = None
    language = params.get("language", "")[:8]
    theme = params.get("theme", "")[:80]
    return ArchiveFilters(
        year=year,
        language=language if is_content_language(language) else "",
        theme=theme if theme.replace("-", "").replace("_", "").isalnum() else "",
    )


@dataclass
class ArchivePage:
    page: Page[Dialogue]
    filters: ArchiveFilters
    years: list[int]
    language_choices: list[tuple[str, str]]
    themes: list[Theme]


def archive_page(
    filters: ArchiveFilters, page_number: str | None, now: datetime | None = None
) -> ArchivePage:
    """Past dialogues, the most recent first, filtered by year, language and theme."""
    now = now or timezone.now()
    past = Dialogue.objects.filter(closes_at__lte=now)
    dialogues = past
    if filters.year:
        dialogues = dialogues.filter(opens_on__year=filters.year)
    if filters.language:
        # `languages` is a JSON list of short codes. JSON containment is not available
        # on SQLite, but the text of the list holds the code in quotes on both engines.
        dialogues = dialogues.filter(languages__icontains=f'"{filters.language}"')
    if filters.theme:
        dialogues = dialogues.filter(themes__slug=filters.theme)
    return ArchivePage(
        page=paginate(
            with_list_details(dialogues.order_by("-opens_at", "-number")),
            page_number,
            ARCHIVE_PER_PAGE,
        ),
        filters=filters,
        years=sorted({day.year for day in past.dates("opens_on", "year")}, reverse=True),
        language_choices=content_language_choices(),
        themes=list(Theme.objects.filter(dialogues__in=past).distinct().order_by("name_en")),
    )
