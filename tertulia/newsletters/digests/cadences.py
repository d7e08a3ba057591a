"""Which digests a member gets, read from their notification choices.

There is no separate "digest on/off" switch: a member gets the daily digest when at
least one of their choices (per kind, the default included, or per forum) is "Daily
digest", and the weekly one likewise. So the preferences page is the one place that
decides, and turning every digest choice to something else turns the digest off.

- Notifications go in the digest their own row was given (`Notification.delivery`).
- A forum the member follows goes in the digest chosen for "a new thread in a forum I
  follow" in that forum (its per-forum choice, else the choice for the kind).
- The agenda (upcoming events, training deadlines) goes in the daily digest, or in the
  weekly one for a member who has only that, so it is never told twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from tertulia.notifications.models import Delivery, Kind, NotificationPreference
from tertulia.notifications.services.preferences import DEFAULT_DELIVERY


class Cadence(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"

    @property
    def delivery(self) -> str:
        return Delivery.DAILY if self == Cadence.DAILY else Delivery.WEEKLY


CADENCES = frozenset(cadence.value for cadence in Cadence)
_KINDS = tuple(Kind.values)


def forum_scope(forum_id: int) -> str:
    return f"forum:{forum_id}"


@dataclass(frozen=True)
class DigestChoices:
    """One member's deliveries: per kind (explicit choices; defaults fill the rest) and
    per (kind, scope)."""

    per_kind: dict[str, str] = field(default_factory=dict)
    per_scope: dict[tuple[str, str], str] = field(default_factory=dict)

    def delivery(self, kind: str, scope: str = "") -> str:
        if scope and (kind, scope) in self.per_scope:
            return self.per_scope[(kind, scope)]
        return self.per_kind.get(kind, DEFAULT_DELIVERY.get(kind, Delivery.IN_APP))

    @cached_property
    def deliveries(self) -> frozenset[str]:
        """Every delivery the member chose (or kept by default) for some kind or scope."""
        per_kind = {self.delivery(kind) for kind in _KINDS}
        return frozenset(per_kind | set(self.per_scope.values()))

    def has(self, cadence: Cadence) -> bool:
        return cadence.delivery in self.deliveries

    def agenda_cadence(self) -> Cadence | None:
        """The digest that carries the member's agenda, or None without any digest."""
        if self.has(Cadence.DAILY):
            return Cadence.DAILY
        if self.has(Cadence.WEEKLY):
            return Cadence.WEEKLY
        return None

    def follows_forum_in(self, cadence: Cadence, forum_id: int) -> bool:
        return self.delivery(Kind.NEW_THREAD, forum_scope(forum_id)) == cadence.delivery


def digest_choices(member_ids: Iterable[int]) -> dict[int, DigestChoices]:
    """The choices of many members in one query; members without any get the defaults."""
    ids = list(member_ids)
    per_kind: dict[int, dict[str, str]] = defaultdict(dict)
    per_scope: dict[int, dict[tuple[str, str], str]] = defaultdict(dict)
    rows = NotificationPreference.objects.filter(member_id__in=ids).values_list(
        "member_id", "kind", "scope", "delivery"
    )
    for member_id, kind, scope, delivery in rows:
        if scope:
            per_scope[member_id][(kind, scope)] = delivery
        else:
            per_kind[member_id][kind] = delivery
    return {
        member_id: DigestChoices(per_kind=per_kind[member_id], per_scope=per_scope[member_id])
        for member_id in ids
    }
