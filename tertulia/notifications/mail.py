"""The mail for one notification: both parts from templates, in the recipient's language
and time zone, with the headers mail clients and providers act on.

- To/From carry display names in any script; Django's `sanitize_address` encodes them
  (RFC 2047) from the quoted form `email.headerregistry.Address` gives.
- `Message-ID` is stable per notification (a retry is recognisably the same mail);
  `In-Reply-To`/`References` name the group's root id so a thread's mails stay together.
- `List-Unsubscribe` + `List-Unsubscribe-Post` (RFC 8058): one click turns that kind
  (in that scope) off, without signing in.
- `Reply-To: reply+TOKEN@REPLY_DOMAIN` when the group's app takes replies by mail
  (inbound/): answering the mail posts in the thread or conversation.
"""

from __future__ import annotations

from email.header import Header
from email.headerregistry import Address
from email.message import Message
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.core.timezones import UTC, is_valid_zone
from tertulia.notifications.inbound.addresses import reply_address
from tertulia.notifications.models import Kind, Notification
from tertulia.notifications.titles import notification_title
from tertulia.notifications.tokens import (
    group_message_id,
    make_unsubscribe_token,
    notification_message_id,
)


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def unsubscribe_url(
    member_id: int, kind: str, scope: str = "", *, notification_id: int | None = None
) -> str:
    token = make_unsubscribe_token(member_id, kind, scope, notification_id=notification_id)
    return absolute_url(reverse("notification-unsubscribe", kwargs={"token": token}))


def formatted_address(display_name: str, address: str) -> str:
    """`"Doe, Jane" <jane@example.org>`: quoted where needed, left in Unicode for
    Django to encode."""
    local, _at, domain = address.rpartition("@")
    return str(Address(display_name=display_name, username=local, domain=domain))


def community_sender(actor_name: str, community: str) -> str:
    _name, from_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    label = _("%(name)s via %(community)s") % {"name": actor_name, "community": community}
    return formatted_address(label if actor_name else community, from_address)


class NotificationEmail(EmailMultiAlternatives):
    """Django 5.2 folds a long non-ASCII Subject as "Subject:" + a continuation line,
    which readers unfold into a leading space; encode it with the header's name known so
    the first encoded word stays on the Subject line."""

    def message(self, *args: Any, **kwargs: Any) -> Any:
        msg = super().message(*args, **kwargs)
        if not self.subject.isascii():
            del msg["Subject"]
            # Django's own __setitem__ would turn the Header back into a plain string.
            Message.__setitem__(
                msg, "Subject", Header(str(self.subject), "utf-8", header_name="Subject")
            )
        return msg


def _one_line(text: str) -> str:
    return " ".join(text.split())[:250]


def member_zone(member: Member) -> str:
    return member.time_zone if is_valid_zone(member.time_zone) else UTC


def build_notification_mail(notification: Notification) -> NotificationEmail:
    """The complete message; `notification` should come with recipient and actor loaded."""
    recipient = notification.recipient
    actor = notification.actor
    community = SiteSettings.current().community_name
    unsubscribe = unsubscribe_url(
        recipient.pk,
        notification.kind,
        notification.scope,
        # A scoped link names the notification, so the choice can be shown by its place.
        notification_id=notification.pk if notification.scope else None,
    )
    # Answering the mail posts in the thread or conversation (inbound/), when it can.
    answer_to = reply_address(recipient.pk, notification.group) if notification.group else ""
    with (
        translation.override(recipient.interface_language),
        timezone.override(member_zone(recipient)),
    ):
        title = notification_title(
            notification.kind,
            notification.params,
            actor_name=actor.display_name if actor else "",
            count=notification.count,
        )
        context = {
            "title": title,
            "notification": notification,
            "recipient": recipient,
            "actor": actor,
            "community": community,
            "kind_label": Kind(notification.kind).label,
            "target_url": absolute_url(notification.url),
            "preferences_url": absolute_url(reverse("notification-preferences")),
            "unsubscribe_url": unsubscribe,
            "language_code": recipient.interface_language,
            "reply_by_mail": bool(answer_to),
        }
        text = render_to_string("notifications/mail/notification.txt", context)
        html = render_to_string("notifications/mail/notification.html", context)
        sender = community_sender(actor.display_name if actor else "", community)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    headers = {
        "Message-ID": notification_message_id(notification.pk),
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # Vacation responders and "out of office" rules must not answer us (RFC 3834).
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
    }
    if notification.group:
        root = group_message_id(notification.group)
        headers["In-Reply-To"] = root
        headers["References"] = root
    message = NotificationEmail(
        subject=_one_line(prefix + title),
        body=text,
        from_email=sender,
        to=[formatted_address(recipient.display_name, recipient.email)],
        reply_to=[formatted_address(community, answer_to)] if answer_to else None,
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message
