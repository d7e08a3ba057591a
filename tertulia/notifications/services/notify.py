"""`notify()`: the one door through which every app tells a member something.

The row is written in the caller's transaction (a rolled-back post notifies nobody);
mail is queued after commit. Mail that must wait (a post inside its edit window) carries
`send_after`: the task re-checks the time and the cron command `send_due_notifications`
sends what is due, so the mail leaves with the post as finally edited.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.notifications import tasks
from tertulia.notifications.models import Delivery, Kind, Notification
from tertulia.notifications.services.counts import recount_unread_notifications
from tertulia.notifications.services.preferences import delivery_for

# Kinds merged into one unread row per source (post) and recipient, its count bumped
# once per actor: the row's params keep who is counted, under ACTORS_PARAM.
BATCHED_KINDS = frozenset({Kind.REACTION})
ACTORS_PARAM = "counted_actor_ids"
SNIPPET_MAX = 1000


def notify(
    recipient: Member,
    kind: str,
    *,
    url: str,
    actor: Member | None = None,
    params: Mapping[str, object] | None = None,
    snippet: str = "",
    group: str = "",
    scope: str = "",
    source: str = "",
    dedupe_key: str | None = None,
    send_after: datetime | None = None,
) -> Notification | None:
    """Notify `recipient`; None when nothing was created (own action, off, inactive).

    params: the title's parameters, e.g. {"subject": thread.title} (see titles.py).
    snippet: plain text (or the first lines of a post) shown under the title.
    group: "thread:12" threads mails in clients; scope: "forum:3" for per-forum choices;
    source: "post:55" batches reactions and lets forums release held mail;
    dedupe_key: the same key for the same recipient never creates a second row, nor
    counts again in a batch (a like taken back and given again counts once).
    """
    if actor is not None and actor.pk == recipient.pk:
        return None  # nobody is told about their own action
    if not recipient.is_active:
        return None
    delivery = delivery_for(recipient.pk, kind, scope)
    if delivery == Delivery.OFF:
        return None
    now = timezone.now()
    batched_kind = kind in BATCHED_KINDS and bool(source)
    with transaction.atomic():
        if dedupe_key is not None:
            existing = Notification.objects.filter(
                recipient=recipient, dedupe_key=dedupe_key
            ).first()
            if existing is not None:
                return existing
        if batched_kind:
            batched = _bump_batch(recipient, kind, source, actor, now)
            if batched is not None:
                return batched
        stored_params = dict(params or {})
        if batched_kind and actor is not None:
            stored_params[ACTORS_PARAM] = [actor.pk]
        notification = Notification(
            recipient=recipient,
            kind=kind,
            actor=actor,
            params=stored_params,
            url=url,
            snippet=snippet[:SNIPPET_MAX],
            group=group,
            scope=scope,
            source=source,
            dedupe_key=dedupe_key,
            delivery=delivery,
            send_after=send_after,
            created_at=now,
        )
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:
            # A concurrent retry won the race for this dedupe key.
            return Notification.objects.get(recipient=recipient, dedupe_key=dedupe_key)
        recount_unread_notifications(recipient.pk)
        if delivery == Delivery.EMAIL:
            transaction.on_commit(
                partial(tasks.queue_notification_mail, notification.pk, send_after)
            )
    return notification


def _bump_batch(
    recipient: Member, kind: str, source: str, actor: Member | None, now: datetime
) -> Notification | None:
    row = (
        Notification.objects.select_for_update()
        .filter(recipient=recipient, kind=kind, source=source, read_at__isnull=True)
        .first()
    )
    if row is None:
        return None
    counted = _counted_actors(row.params)
    if actor is not None and actor.pk in counted:
        return row  # already in this batch (a like taken back and given again)
    changes: dict[str, object] = {"count": F("count") + 1, "actor": actor, "created_at": now}
    if actor is not None:
        changes["params"] = {**row.params, ACTORS_PARAM: [*counted, actor.pk]}
    Notification.objects.filter(pk=row.pk).update(**changes)
    row.refresh_from_db()
    return row


def _counted_actors(params: object) -> list[int]:
    found = params.get(ACTORS_PARAM) if isinstance(params, dict) else None
    return [item for item in found if isinstance(item, int)] if isinstance(found, list) else []


def release_held_mail(source: str) -> int:
    """ "Send now": mail held for `source` ("post:55") goes out without waiting."""
    with transaction.atomic():
        ids = list(
            Notification.objects.filter(
                source=source, delivery=Delivery.EMAIL, emailed_at__isnull=True
            ).values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=ids).update(send_after=None)
        for notification_id in ids:
            transaction.on_commit(partial(tasks.queue_notification_mail, notification_id, None))
    return len(ids)


def refresh_unsent(source: str, *, snippet: str, params: Mapping[str, object] | None = None) -> int:
    """After an edit inside the window: unsent notifications carry the new text (a
    batch keeps the list of whom it counts)."""
    rows = Notification.objects.filter(source=source, emailed_at__isnull=True)
    if params is None:
        return rows.update(snippet=snippet[:SNIPPET_MAX])
    with transaction.atomic():
        changed = rows.exclude(kind__in=BATCHED_KINDS).update(
            snippet=snippet[:SNIPPET_MAX], params=dict(params)
        )
        for row_id, old in rows.filter(kind__in=BATCHED_KINDS).values_list("pk", "params"):
            kept = {ACTORS_PARAM: _counted_actors(old)} if _counted_actors(old) else {}
            changed += Notification.objects.filter(pk=row_id).update(
                snippet=snippet[:SNIPPET_MAX], params={**params, **kept}
            )
    return changed


def withdraw(source: str) -> int:
    """The source is gone (post deleted or hidden before its mail left): drop its rows."""
    with transaction.atomic():
        recipients = set(
            Notification.objects.filter(source=source).values_list("recipient_id", flat=True)
        )
        deleted, _details = Notification.objects.filter(source=source).delete()
        for member_id in recipients:
            recount_unread_notifications(member_id)
    return deleted
