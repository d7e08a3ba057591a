"""Marking notifications read."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.notifications.models import Notification
from tertulia.notifications.services.counts import recount_unread_notifications


def open_notification(member: Member, notification_id: int) -> Notification:
    """The member's notification, marked read; 404 for anyone else's."""
    with transaction.atomic():
        notification = Notification.objects.filter(pk=notification_id, recipient=member).first()
        if notification is None:
            raise Http404
        if notification.read_at is None:
            notification.read_at = timezone.now()
            Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
                read_at=notification.read_at
            )
            recount_unread_notifications(member.pk)
    return notification


def mark_all_read(member: Member) -> int:
    with transaction.atomic():
        count = Notification.objects.filter(recipient=member, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        recount_unread_notifications(member.pk)
    return count
