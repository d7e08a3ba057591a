"""How a member wants each kind delivered: defaults, per-kind and per-scope choices.

Resolution for (member, kind, scope): the member's choice for that kind in that scope
("forum:3"), else their choice for the kind everywhere, else DEFAULT_DELIVERY.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.notifications.models import (
    Delivery,
    DigestFormat,
    Kind,
    MailSettings,
    Notification,
    NotificationPreference,
)
from tertulia.notifications.scopes import label_from_params

SCOPE_LABEL_MAX = NotificationPreference._meta.get_field("scope_label").max_length or 200

# What a member gets before choosing: what is addressed to them personally, or that they
# would be sorry to miss, is mailed at once; likes and broad news stay on the site.
DEFAULT_DELIVERY: dict[str, str] = {
    Kind.MENTION: Delivery.EMAIL,
    Kind.REPLY: Delivery.EMAIL,
    Kind.NEW_THREAD: Delivery.DAILY,
    # Only members who turned mailing-list mode on get these: they asked for the mail.
    Kind.FORUM_POST: Delivery.EMAIL,
    Kind.REACTION: Delivery.IN_APP,
    Kind.MESSAGE: Delivery.EMAIL,
    Kind.DIALOGUE_OPENING: Delivery.EMAIL,
    Kind.EVENT_REMINDER: Delivery.EMAIL,
    Kind.RECORDING: Delivery.EMAIL,
    Kind.WAITLIST_PROMOTION: Delivery.EMAIL,
    Kind.SUGGESTION_APPROVED: Delivery.EMAIL,
    Kind.SUGGESTION_DECLINED: Delivery.EMAIL,
    Kind.POST_FLAGGED: Delivery.IN_APP,
    Kind.POST_HIDDEN: Delivery.EMAIL,
}


def delivery_for(member_id: int, kind: str, scope: str = "") -> str:
    """The delivery that applies now (one query)."""
    scopes = {"", scope}
    choices = dict(
        NotificationPreference.objects.filter(
            member_id=member_id, kind=kind, scope__in=scopes
        ).values_list("scope", "delivery")
    )
    if scope and scope in choices:
        return choices[scope]
    return choices.get("", DEFAULT_DELIVERY.get(kind, Delivery.IN_APP))


def _check(kind: str, delivery: str) -> None:
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Unknown kind of notification.")})
    if delivery not in Delivery.values:
        raise ValidationError({"delivery": _("Choose one of the delivery options.")})


def set_preference(
    member: Member, kind: str, delivery: str, *, scope: str = "", scope_label: str = ""
) -> NotificationPreference:
    """Choose a delivery for one kind, everywhere or in one scope (a forum's page calls
    this with scope="forum:3", scope_label=forum.title)."""
    _check(kind, delivery)
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.update_or_create(
            member=member,
            kind=kind,
            scope=scope,
            defaults={
                "delivery": delivery,
                **({"scope_label": scope_label} if scope_label else {}),
            },
        )
    return preference


def clear_scoped_preference(member: Member, kind: str, scope: str) -> None:
    """Drop a per-scope override: the member's choice for the kind applies again."""
    if scope:
        NotificationPreference.objects.filter(member=member, kind=kind, scope=scope).delete()


@dataclass(frozen=True)
class MailChoices:
    digest_format: str
    digest_hour: int
    mailing_list_mode: bool
    newsletter_opt_out: bool


def mail_settings_for(member: Member) -> MailSettings:
    """The member's settings row, or unsaved defaults."""
    found = MailSettings.objects.filter(member=member).first()
    return found or MailSettings(member=member)


def update_preferences(member: Member, deliveries: dict[str, str], mail: MailChoices) -> None:
    """Save the preferences page at once: every kind's delivery and the mail settings."""
    for kind, delivery in deliveries.items():
        _check(kind, delivery)
    if mail.digest_format not in DigestFormat.values:
        raise ValidationError({"digest_format": _("Choose full posts or subjects only.")})
    if not 0 <= mail.digest_hour <= 23:
        raise ValidationError({"digest_hour": _("Choose an hour between 0 and 23.")})
    with transaction.atomic():
        for kind, delivery in deliveries.items():
            NotificationPreference.objects.update_or_create(
                member=member, kind=kind, scope="", defaults={"delivery": delivery}
            )
        MailSettings.objects.update_or_create(
            member=member,
            defaults={
                "digest_format": mail.digest_format,
                "digest_hour": mail.digest_hour,
                "mailing_list_mode": mail.mailing_list_mode,
                "newsletter_opt_out": mail.newsletter_opt_out,
            },
        )


def unsubscribe(
    member_id: int, kind: str, scope: str, *, notification_id: int | None = None
) -> bool:
    """One-click unsubscribe: turn the kind off (in the scope, if the mail had one).

    A scoped choice is stored with the place's name, from the notification whose mail
    carried the link, else from another of the member's choices for that scope.
    False when the member or kind no longer exists; idempotent otherwise."""
    if kind not in Kind.values or not Member.objects.filter(pk=member_id).exists():
        return False
    label = _scope_label(member_id, scope, notification_id) if scope else ""
    with transaction.atomic():
        NotificationPreference.objects.update_or_create(
            member_id=member_id,
            kind=kind,
            scope=scope,
            defaults={"delivery": Delivery.OFF, **({"scope_label": label} if label else {})},
        )
    return True


def _scope_label(member_id: int, scope: str, notification_id: int | None) -> str:
    label = ""
    if notification_id is not None:
        params = (
            Notification.objects.filter(pk=notification_id, recipient_id=member_id, scope=scope)
            .values_list("params", flat=True)
            .first()
        )
        label = label_from_params(scope, params)
    if not label:
        label = (
            NotificationPreference.objects.filter(member_id=member_id, scope=scope)
            .exclude(scope_label="")
            .values_list("scope_label", flat=True)
            .first()
        ) or ""
    return label[:SCOPE_LABEL_MAX]
