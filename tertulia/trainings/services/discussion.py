"""A training's discussion thread: link an existing thread, or start one in a forum."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.forums.models import Forum, Thread
from tertulia.forums.permissions import check_read_thread
from tertulia.forums.services.threads import start_thread
from tertulia.trainings.models import Training
from tertulia.trainings.permissions import check_manage_discussion


def _save_thread(training: Training, thread: Thread | None) -> None:
    training.thread = thread
    training.updated_at = timezone.now()
    training.save(update_fields=["thread", "updated_at"])


def link_thread(actor: Member, training: Training, thread: Thread) -> Training:
    """Point the training at an existing thread the facilitator can read."""
    check_manage_discussion(actor)
    check_read_thread(actor, thread)
    with transaction.atomic():
        _save_thread(training, thread)
    return training


def unlink_thread(actor: Member, training: Training) -> Training:
    check_manage_discussion(actor)
    with transaction.atomic():
        _save_thread(training, None)
    return training


def start_discussion(actor: Member, training: Training, forum: Forum) -> Thread:
    """Start a thread about the training in `forum` (as the facilitator) and link it."""
    check_manage_discussion(actor)
    url = settings.SITE_URL + reverse(
        "training-detail", kwargs={"training_id": training.pk, "slug": training.slug}
    )
    body = _(
        "Let's talk about **%(title)s**, offered by %(provider)s: %(url)s\n\n"
        "Have you taken it, or are you thinking of applying? Share what you know."
    ) % {"title": training.title, "provider": training.provider, "url": url}
    with transaction.atomic():
        # start_thread checks that the facilitator may post in this forum.
        thread = start_thread(
            actor, forum, title=str(training.title), body=body, language=training.language
        )
        _save_thread(training, thread)
    return thread
