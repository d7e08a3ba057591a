"""Reads for the notification pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page
from django.db.models import BooleanField, ExpressionWrapper, Q

from tertulia.accounts.models import Member
from tertulia.core.pagination import paginate
from tertulia.notifications.models import (
    Delivery,
    Kind,
    MailSettings,
    Notification,
    NotificationPreference,
)
from tertulia.notifications.scopes import generic_label
from tertulia.notifications.services.preferences import DEFAULT_DELIVERY
from tertulia.notifications.titles import notification_title

PER_PAGE = 30


@dataclass(frozen=True)
class NotificationRow:
    id: int
    title: str
    snippet: str
    created_at: datetime
    is_unread: bool


def notification_page(member: Member, page_number: str | None) -> Page[NotificationRow]:
    """Unread first, newest first; titles rendered in the active language (two queries)."""
    rows = (
        Notification.objects.filter(recipient=member)
        .select_related("actor")
        .annotate(is_read=ExpressionWrapper(Q(read_at__isnull=False), output_field=BooleanField()))
        .order_by("is_read", "-created_at", "-id")
    )
    page = paginate(rows, page_number, PER_PAGE)
    page.object_list = [
        NotificationRow(
            id=row.pk,
            title=notification_title(
                row.kind,
                row.params,
                actor_name=row.actor.display_name if row.actor else "",
                count=row.count,
            ),
            snippet=row.snippet,
            created_at=row.created_at,
            is_unread=row.read_at is None,
        )
        for row in page.object_list
    ]
    return page


@dataclass(frozen=True)
class ScopedChoice:
    kind: str
    kind_label: str
    scope: str
    scope_label: str
    delivery_label: str


@dataclass(frozen=True)
class PreferencesPage:
    deliveries: dict[str, str]  # kind → delivery, defaults filled in
    overrides: list[ScopedChoice]
    mail_settings: MailSettings


def preferences_page(member: Member) -> PreferencesPage:
    """Every kind's delivery, the per-scope overrides and the mail settings (two queries)."""
    deliveries = dict(DEFAULT_DELIVERY)
    overrides: list[ScopedChoice] = []
    for preference in NotificationPreference.objects.filter(member=member).order_by(
        "scope_label", "scope", "kind"
    ):
        if not preference.scope:
            deliveries[preference.kind] = preference.delivery
            continue
        overrides.append(
            ScopedChoice(
                kind=preference.kind,
                kind_label=str(Kind(preference.kind).label),
                scope=preference.scope,
                scope_label=preference.scope_label or generic_label(preference.scope),
                delivery_label=str(Delivery(preference.delivery).label),
            )
        )
    mail_settings = MailSettings.objects.filter(member=member).first() or MailSettings(
        member=member
    )
    return PreferencesPage(deliveries=deliveries, overrides=overrides, mail_settings=mail_settings)
