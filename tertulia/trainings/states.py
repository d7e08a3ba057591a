"""Where a training stands for someone who wants to take it, at a given moment.

- open: one may still apply (until the end of the deadline day in the provider's zone);
- closed: the deadline has passed but the training has not ended; it stays listed;
- ended: after the end of its last day; it moves to the archive.

Days are counted in the provider's zone, because that is where the deadline is.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from tertulia.trainings.models import Training


class ApplicationState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    ENDED = "ended"


def application_state(training: Training, now: datetime | None = None) -> ApplicationState:
    moment = now or timezone.now()
    if moment >= training.ends_at:
        return ApplicationState.ENDED
    if moment >= training.applications_close_at:
        return ApplicationState.CLOSED
    return ApplicationState.OPEN


def is_open_for_applications(training: Training, now: datetime | None = None) -> bool:
    return application_state(training, now) == ApplicationState.OPEN


def days_left_to_apply(training: Training, now: datetime | None = None) -> int | None:
    """Whole days from today (in the provider's zone) to the last day to apply; None
    once applications are closed. 0 means today is the last day."""
    moment = now or timezone.now()
    if application_state(training, moment) != ApplicationState.OPEN:
        return None
    today = moment.astimezone(ZoneInfo(str(training.time_zone))).date()
    return max((training.closing_day - today).days, 0)


def closes_in_label(days: int) -> str:
    if days == 0:
        return gettext("closes today")
    return ngettext("closes in %(count)s day", "closes in %(count)s days", days) % {"count": days}


def state_label(training: Training, now: datetime | None = None) -> str:
    """What a list or detail page says about applying: "closes in 3 days", "applications
    closed", "ended"."""
    moment = now or timezone.now()
    state = application_state(training, moment)
    if state == ApplicationState.ENDED:
        return gettext("ended")
    if state == ApplicationState.CLOSED:
        return gettext("applications closed")
    days = days_left_to_apply(training, moment)
    return closes_in_label(days or 0)
