"""Admin views to inspect notifications and the mail log (failed or stuck mail)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from tertulia.notifications.models import InboundMail, Notification, OutgoingMail


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


@admin.register(InboundMail)
class InboundMailAdmin(admin.ModelAdmin[InboundMail]):
    """Read only: what arrived by mail and what became of it."""

    list_display = ("received_at", "sender", "address", "status", "reason", "target")
    list_filter = ("status", "reason")
    search_fields = ("message_id", "sender", "address")
    raw_id_fields = ("member",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: InboundMail | None = None) -> bool:
        return False
