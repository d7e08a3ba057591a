"""Every read the trainings pages show, each in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.core.cache import cache
from django.core.paginator import Page
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.accounts.permissions import Viewer
from tertulia.core.languages import language_name
from tertulia.core.models import Theme
from tertulia.core.pagination import paginate
from tertulia.forums.permissions import can_read_thread
from tertulia.trainings.models import Training, TrainingFormat, TrainingStatus
from tertulia.trainings.permissions import (
    can_edit_training,
    can_manage_discussion,
    can_review_trainings,
    check_review_trainings,
    check_view_training,
)

TRAININGS_PER_PAGE = 20
QUEUE_PER_PAGE = 30
# "Starting soon" means within this many days.
STARTING_SOON_DAYS = 60
_LANGUAGES_KEY = "trainings:languages"


class Tab(StrEnum):
    OPEN = "open"
    SOON = "soon"
    ALL = "all"
    ARCHIVE = "archive"


class CostFilter(StrEnum):
    FREE = "free"
    PAID = "paid"


@dataclass(frozen=True)
class TrainingFilters:
    format: str = ""
    language: str = ""
    theme: str = ""  # a theme's slug
    cost: str = ""

    def __post_init__(self) -> None:
        # Unknown values (old links, hand-typed addresses) mean "no filter", never an error.
        if self.format not in TrainingFormat.values:
            object.__setattr__(self, "format", "")
        if self.cost not in {CostFilter.FREE, CostFilter.PAID}:
            object.__setattr__(self, "cost", "")
        object.__setattr__(
            self,
            "language",
            self.language[:8].lower()
            if self.language.isascii() and self.language.isalpha()
            else "",
        )
        object.__setattr__(self, "theme", self.theme[:80])

    def as_q(self) -> Q:
        q = Q()
        if self.format:
            q &= Q(format=self.format)
        if self.language:
            # A JSON list of codes; the quoted code matches one element on every backend
            # (codes are letters only, so nothing in them needs escaping).
            q &= Q(languages__icontains=f'"{self.language}"')
        if self.theme:
            # A subquery, not a join: no duplicate rows, so no DISTINCT over the page.
            tagged = Training.themes.through.objects.filter(theme__slug=self.theme)
            q &= Q(pk__in=tagged.values("training_id"))
        if self.cost == CostFilter.FREE:
            q &= Q(cost_amount__isnull=True)
        elif self.cost == CostFilter.PAID:
            q &= Q(cost_amount__isnull=False)
        return q

    @property
    def is_active(self) -> bool:
        return bool(self.format or self.language or self.theme or self.cost)


def _tab_trainings(tab: Tab, now: datetime) -> QuerySet[Training]:
    published = Training.objects.filter(status=TrainingStatus.PUBLISHED)
    if tab == Tab.OPEN:
        return published.filter(applications_close_at__gt=now).order_by(
            "applications_close_at", "starts_at", "pk"
        )
    if tab == Tab.SOON:
        return published.filter(
            starts_at__gt=now, starts_at__lte=now + timedelta(days=STARTING_SOON_DAYS)
        ).order_by("starts_at", "pk")
    if tab == Tab.ARCHIVE:
        return published.filter(ends_at__lte=now).order_by("-ends_at", "-pk")
    return published.filter(ends_at__gt=now).order_by("starts_at", "pk")


def _for_list(trainings: QuerySet[Training]) -> QuerySet[Training]:
    return trainings.prefetch_related("themes")


def forget_language_choices() -> None:
    cache.delete(_LANGUAGES_KEY)


def language_choices() -> list[tuple[str, str]]:
    """The languages published trainings are given in, named in the viewer's language."""
    codes: list[str] | None = cache.get(_LANGUAGES_KEY)
    if codes is None:
        found: set[str] = set()
        lists = Training.objects.filter(status=TrainingStatus.PUBLISHED).values_list(
            "languages", flat=True
        )
        for languages in lists.iterator():
            found.update(code for code in languages or () if isinstance(code, str))
        codes = sorted(found)
        cache.set(_LANGUAGES_KEY, codes, 60 * 10)
    return sorted(((code, language_name(code)) for code in codes), key=lambda pair: pair[1])


@dataclass
class TrainingList:
    tab: Tab
    filters: TrainingFilters
    page: Page[Training]
    themes: list[Theme]
    languages: list[tuple[str, str]]
    now: datetime


def training_list(
    tab: Tab, filters: TrainingFilters, page_number: str | None, now: datetime | None = None
) -> TrainingList:
    """One tab of published trainings, filtered, a page at a time."""
    moment = now or timezone.now()
    trainings = _tab_trainings(tab, moment)
    if filters.is_active:
        trainings = trainings.filter(filters.as_q())
    return TrainingList(
        tab=tab,
        filters=filters,
        page=paginate(_for_list(trainings), page_number, TRAININGS_PER_PAGE),
        themes=list(Theme.objects.all()),
        languages=language_choices(),
        now=moment,
    )


def closing_soon(*, limit: int = 3, now: datetime | None = None) -> list[Training]:
    """The published trainings whose applications close next (for the home page)."""
    return list(_tab_trainings(Tab.OPEN, now or timezone.now())[:limit])


@dataclass
class TrainingDetail:
    training: Training
    can_edit: bool
    can_review: bool
    can_manage_discussion: bool
    shows_thread: bool


def training_detail(viewer: Viewer, training_id: int) -> TrainingDetail:
    training = get_object_or_404(
        Training.objects.select_related("thread__forum", "suggested_by").prefetch_related("themes"),
        pk=training_id,
    )
    check_view_training(viewer, training)
    thread = training.thread
    return TrainingDetail(
        training=training,
        can_edit=can_edit_training(viewer, training),
        can_review=can_review_trainings(viewer),
        can_manage_discussion=can_manage_discussion(viewer),
        shows_thread=thread is not None and can_read_thread(viewer, thread),
    )


def training_for_edit(viewer: Viewer, training_id: int) -> Training:
    training = get_object_or_404(
        Training.objects.select_related("thread__forum").prefetch_related("themes"),
        pk=training_id,
    )
    check_view_training(viewer, training)
    return training


def review_queue(viewer: Viewer, page_number: str | None) -> Page[Training]:
    """Suggestions waiting for a decision, the oldest first."""
    check_review_trainings(viewer)
    pending = (
        Training.objects.filter(status=TrainingStatus.PENDING)
        .select_related("suggested_by")
        .prefetch_related("themes")
        .order_by("created_at", "pk")
    )
    return paginate(pending, page_number, QUEUE_PER_PAGE)


def suggestions_by(member: Member, *, limit: int = 20) -> list[Training]:
    """A member's own suggestions, newest first, with where each stands."""
    return list(Training.objects.filter(suggested_by=member).order_by("-created_at", "-pk")[:limit])


def recently_declined(viewer: Viewer, *, limit: int = 10) -> list[Training]:
    check_review_trainings(viewer)
    return list(
        Training.objects.filter(status=TrainingStatus.DECLINED)
        .select_related("suggested_by", "reviewed_by")
        .order_by("-updated_at", "-pk")[:limit]
    )
