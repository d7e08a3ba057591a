"""Reads for the member pages: the directory and a profile, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tertulia.accounts.models import Expertise, Member, MemberLanguage, Visibility
from tertulia.accounts.permissions import Viewer, check_view_profile, is_member, is_staff
from tertulia.core.languages import language_name
from tertulia.core.pagination import paginate
from tertulia.core.validators import fold_for_search

DIRECTORY_PAGE_SIZE = 24


@dataclass(frozen=True)
class DirectoryFilters:
    name: str = ""
    country: str = ""
    language: str = ""
    expertise: str = ""
    organisation: str = ""

    @property
    def is_empty(self) -> bool:
        return not any((self.name, self.country, self.language, self.expertise, self.organisation))


@dataclass
class DirectoryPage:
    page: Page[Member]
    countries: list[tuple[str, str]] = field(default_factory=list)
    languages: list[tuple[str, str]] = field(default_factory=list)
    expertise: list[tuple[str, str]] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


def visible_members(viewer: Viewer) -> QuerySet[Member]:
    """Active members whose profile this viewer may see (see permissions.can_view_profile)."""
    members = Member.objects.filter(is_active=True)
    if not is_member(viewer):
        members = members.filter(profile_visibility=Visibility.EVERYONE)
    return members


def _with_profile_lists(members: QuerySet[Member]) -> QuerySet[Member]:
    return members.prefetch_related(
        Prefetch("languages", queryset=MemberLanguage.objects.order_by("code")),
        Prefetch("expertise", queryset=Expertise.objects.order_by("name")),
    )


def directory_page(
    viewer: Viewer, filters: DirectoryFilters, page_number: str | None
) -> DirectoryPage:
    """One page of the member directory with the choices for its filters.

    Queries: count, page, two prefetches, and one each for the four filter lists.
    """
    visible = visible_members(viewer)
    members = visible
    if filters.name:
        members = members.filter(search_name__contains=fold_for_search(filters.name.strip()))
    if filters.country:
        members = members.filter(country=filters.country)
    if filters.language:
        members = members.filter(languages__code=filters.language)
    if filters.expertise:
        members = members.filter(expertise__slug=filters.expertise)
    if filters.organisation:
        members = members.filter(organisation__iexact=filters.organisation)
    page = paginate(
        _with_profile_lists(members.order_by("search_name", "id")), page_number, DIRECTORY_PAGE_SIZE
    )

    country_codes = (
        visible.exclude(country="").order_by().values_list("country", flat=True).distinct()
    )
    countries = sorted(
        ((code, str(Member(country=code).country.name)) for code in country_codes),
        key=lambda c: c[1],
    )
    language_codes = (
        MemberLanguage.objects.filter(member__in=visible).values_list("code", flat=True).distinct()
    )
    languages = sorted(((c, language_name(c)) for c in language_codes), key=lambda c: c[1])
    expertise = list(
        Expertise.objects.filter(members__in=visible)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
    organisations = list(
        visible.exclude(organisation="")
        .values_list("organisation", flat=True)
        .distinct()
        .order_by("organisation")
    )
    return DirectoryPage(page, countries, languages, expertise, organisations)


def profile_for(viewer: Viewer, member_id: int) -> Member:
    """The member to show on a profile page.

    404 for an unknown or deactivated member (unless staff look), 403 for a profile
    shown to signed-in members only.
    """
    member: Member | None = _with_profile_lists(Member.objects.filter(pk=member_id)).first()
    if member is None or (not member.is_active and not is_staff(viewer)):
        raise Http404
    check_view_profile(viewer, member)
    return member


def newest_members(viewer: Viewer, limit: int = 6) -> list[Member]:
    return list(visible_members(viewer).order_by("-date_joined", "-id")[:limit])


def member_count() -> int:
    return Member.objects.filter(is_active=True).count()


@dataclass(frozen=True)
class CommunityStats:
    members: int
    countries: int


def community_stats() -> CommunityStats:
    active = Member.objects.filter(is_active=True)
    totals = active.aggregate(
        members=Count("id"),
        countries=Count("country", distinct=True, filter=~Q(country="")),
    )
    return CommunityStats(members=totals["members"], countries=totals["countries"])
