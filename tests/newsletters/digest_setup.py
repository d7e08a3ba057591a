"""Shared set-up for the digest tests: runs at a given instant, notifications made
through `notify()`, and the parts of what arrived over SMTP."""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from datetime import datetime
from email.message import EmailMessage
from itertools import count

import time_machine

from tertulia.accounts.models import Member
from tertulia.forums.models import Thread
from tertulia.newsletters.digests.services import send_due_digests
from tertulia.notifications.models import Delivery, Kind, MailSettings, Notification
from tertulia.notifications.services import notify, set_preference
from tests.factories import make_member, make_thread

_sequence = count(1)


def run_at(moment: datetime) -> Counter[str]:
    """A run of `send_due_digests` with the clock at `moment`."""
    with time_machine.travel(moment, tick=False):
        return send_due_digests(moment)


def make_reader(*, zone: str = "Europe/Paris", language: str = "en", **fields: object) -> Member:
    n = next(_sequence)
    fields.setdefault("display_name", f"Reader {n}")
    fields.setdefault("email", f"reader{n}@example.org")
    return make_member(time_zone=zone, interface_language=language, **fields)


def set_digest_settings(member: Member, *, digest_format: str = "full", hour: int = 7) -> None:
    MailSettings.objects.update_or_create(
        member=member, defaults={"digest_format": digest_format, "digest_hour": hour}
    )


def tell_reply(
    recipient: Member,
    *,
    actor: Member | None = None,
    subject: str = "Care work and budgets",
    snippet: str = "We tried gender budgeting in Kinshasa last year.",
    thread: Thread | None = None,
    delivery: str = Delivery.DAILY,
    at: datetime | None = None,
) -> Notification:
    """A reply in a followed thread (a new one unless given), delivered as `delivery`."""
    set_preference(recipient, Kind.REPLY, delivery)
    n = next(_sequence)
    actor = actor or make_member(display_name=f"Replier {n}", email=f"replier{n}@example.org")
    thread = thread or make_thread(title=subject, author=actor)
    with time_machine.travel(at, tick=False) if at else nullcontext():
        notification = notify(
            recipient,
            Kind.REPLY,
            actor=actor,
            url=f"/forums/p/{1000 + n}/",
            params={"subject": thread.title},
            snippet=snippet,
            group=f"thread:{thread.pk}",
            scope=f"forum:{thread.forum_id}",
            source=f"post:{1000 + n}",
        )
    assert notification is not None
    assert notification.delivery == delivery
    return notification


def text_of(message: EmailMessage) -> str:
    """The plain part, with the line ends of SMTP read as newlines."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())
