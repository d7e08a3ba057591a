"""A digest as a mail: plain and HTML parts from templates, in the member's interface
language and time zone, with the headers mail clients and providers act on.

- `Message-ID` is stable per digest (its OutgoingMail key), so a retry is recognisably
  the same mail.
- `List-Unsubscribe` + `List-Unsubscribe-Post` (RFC 8058): one click turns this digest
  off (see services.turn_off_digest); `List-Id` lets members filter digests apart.
- Titles of notifications are rendered here, in the reader's language, from their kind
  and parameters (notifications/titles.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tertulia.core.models import SiteSettings
from tertulia.core.timezones import format_local_datetime
from tertulia.forums.models import Post
from tertulia.newsletters.digests.cadences import Cadence
from tertulia.newsletters.digests.contents import Digest
from tertulia.newsletters.digests.schedule import idempotency_key
from tertulia.notifications.mail import (
    NotificationEmail,
    absolute_url,
    formatted_address,
    member_zone,
)
from tertulia.notifications.models import Delivery, Notification
from tertulia.notifications.titles import notification_title
from tertulia.notifications.tokens import mail_domain, make_unsubscribe_token
from tertulia.search.registry import html_to_text

MESSAGE_ID_SALT = "tertulia.newsletters.digest.message-id"
# The "kind" of a digest's unsubscribe token (its scope is the cadence); the token is the
# notifications app's signed value, which its own unsubscribe page refuses for this kind.
UNSUBSCRIBE_KIND = "digest"
FULL_POST_WORDS = 250
_RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def digest_message_id(key: str) -> str:
    token = salted_hmac(MESSAGE_ID_SALT, key).hexdigest()[:16]
    local = re.sub(r"[^A-Za-z0-9.-]+", "-", key).strip("-.")
    return f"<{local}.{token}@{mail_domain()}>"


def digest_unsubscribe_url(member_id: int, cadence: Cadence) -> str:
    token = make_unsubscribe_token(member_id, UNSUBSCRIBE_KIND, str(cadence))
    return absolute_url(reverse("digest-unsubscribe", kwargs={"token": token}))


def digest_label(cadence: Cadence) -> str:
    return str(Delivery(cadence.delivery).label)


@dataclass
class Item:
    title: str
    url: str
    meta: str = ""
    text: str = ""
    html: str = ""


@dataclass
class Group:
    heading: str
    url: str
    items: list[Item] = field(default_factory=list)


def _absolute_links(html: str) -> str:
    """Sanitised post HTML links within the site ("/forums/..."); a mail needs full URLs."""
    return _RELATIVE_LINK.sub(lambda match: f"{match.group(1)}{settings.SITE_URL}/", html)


def _post_item(post: Post | None, full: bool) -> tuple[str, str]:
    if post is None or not full:
        return "", ""
    text = Truncator(html_to_text(post.body_html)).words(FULL_POST_WORDS, truncate=" …")
    html = Truncator(_absolute_links(post.body_html)).words(
        FULL_POST_WORDS, html=True, truncate=" …"
    )
    return text, html


def _notification_item(notification: Notification, full: bool) -> Item:
    actor = notification.actor
    return Item(
        title=notification_title(
            notification.kind,
            notification.params,
            actor_name=actor.display_name if actor else "",
            count=notification.count,
        ),
        url=absolute_url(notification.url),
        text=notification.snippet if full else "",
    )


def notification_groups(digest: Digest) -> list[Group]:
    """Notifications of one thread (or conversation) together, in order of arrival, each
    group named after its subject; those without a group come first, under no heading."""
    full = digest.recipient.full
    loose = Group(heading="", url="")
    groups: dict[str, Group] = {}
    for notification in digest.notifications:
        item = _notification_item(notification, full)
        key = notification.group
        if not key:
            loose.items.append(item)
        elif key in groups:
            groups[key].items.append(item)
        else:
            heading = str(notification.params.get("subject") or "") or item.title
            groups[key] = Group(heading=heading, url=item.url, items=[item])
    return ([loose] if loose.items else []) + list(groups.values())


def _forum_groups(digest: Digest) -> list[Group]:
    full = digest.recipient.full
    groups = []
    for news in digest.forums:
        group = Group(
            heading=news.forum.title,
            url=absolute_url(reverse("forum-detail", kwargs={"forum_slug": news.forum.slug})),
        )
        for new in news.threads:
            text, html = _post_item(new.first_post, full)
            group.items.append(
                Item(
                    title=new.thread.title,
                    url=absolute_url(reverse("thread-detail", kwargs={"thread_id": new.thread.pk})),
                    meta=_("by %(name)s") % {"name": new.thread.author.display_name},
                    text=text,
                    html=html,
                )
            )
        groups.append(_with_more(group, news.more))
    return groups


def _with_more(group: Group, more: int) -> Group:
    if more:
        group.items.append(
            Item(
                title=ngettext("…and %(count)s more thread", "…and %(count)s more threads", more)
                % {"count": more},
                url=group.url,
            )
        )
    return group


def _popular_items(digest: Digest) -> list[Item]:
    full = digest.recipient.full
    items = []
    for popular in digest.popular:
        post = popular.post
        text, html = _post_item(post, full)
        counts = ", ".join(
            [
                ngettext("%(count)s like", "%(count)s likes", post.like_count)
                % {"count": post.like_count},
                ngettext("%(count)s reply", "%(count)s replies", popular.replies)
                % {"count": popular.replies},
            ]
        )
        items.append(
            Item(
                title=post.thread.title,
                url=absolute_url(reverse("post-permalink", kwargs={"post_id": post.pk})),
                meta=_("%(name)s in %(forum)s · %(counts)s")
                % {
                    "name": post.author.display_name,
                    "forum": popular.forum.title,
                    "counts": counts,
                },
                text=text,
                html=html,
            )
        )
    return items


def _event_items(digest: Digest, zone: str) -> list[Item]:
    return [
        Item(
            title=registration.event.title,
            url=absolute_url(
                reverse("event-permalink", kwargs={"event_id": registration.event_id})
            ),
            meta=format_local_datetime(registration.event.starts_at, zone),
        )
        for registration in digest.registrations
    ]


def _training_items(digest: Digest) -> list[Item]:
    return [
        Item(
            title=training.title,
            url=absolute_url(reverse("training-detail-short", kwargs={"training_id": training.pk})),
            meta=_("%(provider)s · apply by %(date)s")
            % {
                "provider": training.provider,
                "date": formats.date_format(training.closing_day, "DATE_FORMAT"),
            },
        )
        for training in digest.trainings
    ]


def _subject(digest: Digest) -> str:
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    label = digest_label(digest.period.cadence)
    day = formats.date_format(digest.period.local_day, "DATE_FORMAT")
    return prefix + _("%(digest)s · %(date)s") % {"digest": label, "date": day}


def build_digest_mail(digest: Digest) -> NotificationEmail:
    """The complete message for a digest that is not empty."""
    member = digest.member
    period = digest.period
    community = SiteSettings.current().community_name
    key = idempotency_key(period.cadence, member.pk, period.local_day)
    unsubscribe = digest_unsubscribe_url(member.pk, period.cadence)
    zone = member_zone(member)
    language = member.interface_language
    with translation.override(language), timezone.override(zone):
        context = {
            "member": member,
            "community": community,
            "digest_label": digest_label(period.cadence),
            "since": format_local_datetime(period.start, zone),
            "is_full": digest.recipient.full,
            "notification_groups": notification_groups(digest),
            "forum_groups": _forum_groups(digest),
            "popular": _popular_items(digest),
            "events": _event_items(digest, zone),
            "trainings": _training_items(digest),
            "unsubscribe_url": unsubscribe,
            "preferences_url": absolute_url(reverse("notification-preferences")),
            "language_code": language,
        }
        subject = _subject(digest)
        text = render_to_string("newsletters/digest/digest.txt", context)
        html = render_to_string("newsletters/digest/digest.html", context)
    _name, from_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    headers = {
        "Message-ID": digest_message_id(key),
        "List-Id": f"<{period.cadence}-digest.{mail_domain()}>",
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": language,
        # Vacation responders and "out of office" rules must not answer us (RFC 3834).
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
    }
    message = NotificationEmail(
        subject=" ".join(subject.split())[:250],
        body=text,
        from_email=formatted_address(community, from_address),
        to=[formatted_address(member.display_name, member.email)],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message
