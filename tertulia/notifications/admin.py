"""Admin views to inspect notifications and the mail log (failed or stuck mail)."""

from __future__ import annotations

from django.contrib import admin

from tertulia.notifications.models import Notification, OutgoingMail


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ("id", "recipient", "kind", "delivery", "created_at", "read_at", "emailed_at")
    list_filter = ("kind", "delivery")
    raw_id_fields = ("recipient", "actor")


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin[OutgoingMail]):
    list_display = ("idempotency_key", "recipient", "status", "attempts", "sent_at")
    list_filter = ("status",)
    raw_id_fields = ("recipient", "notification")
    readonly_fields = ("created_at",)
