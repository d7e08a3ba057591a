"""A notification's title, rendered from its kind and parameters in the active language.

Callers store parameters, not sentences (see models.py); rendering happens here, inside
whatever `translation.override()` the reader needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tertulia.notifications.models import Kind

Params = Mapping[str, object]


def _actor(params: Params) -> str:
    return str(params.get("actor") or "") or _("Someone")


def _subject(params: Params) -> str:
    return str(params.get("subject") or "")


def _reaction(params: Params, count: int) -> str:
    if count <= 1:
        return _("%(actor)s liked your post in “%(subject)s”") % {
            "actor": _actor(params),
            "subject": _subject(params),
        }
    others = count - 1
    return ngettext(
        "%(actor)s and %(others)s other person liked your post in “%(subject)s”",
        "%(actor)s and %(others)s other people liked your post in “%(subject)s”",
        others,
    ) % {"actor": _actor(params), "others": others, "subject": _subject(params)}


def _forum_post(params: Params) -> str:
    """Mailing-list mode: one subject per thread, whoever posts, so that mail clients
    that thread by subject (as well as by References) keep a thread's mails together."""
    forum = str(params.get("forum") or "")
    if not forum:
        return _subject(params) or _("A new post")
    return _("“%(subject)s” in %(forum)s") % {"forum": forum, "subject": _subject(params)}


_TITLES: dict[str, Callable[[], str]] = {
    Kind.MENTION: lambda: _("%(actor)s mentioned you in “%(subject)s”"),
    Kind.REPLY: lambda: _("%(actor)s replied in “%(subject)s”"),
    Kind.NEW_THREAD: lambda: _("%(actor)s started a thread: “%(subject)s”"),
    Kind.MESSAGE: lambda: _("%(actor)s sent you a message: “%(subject)s”"),
    Kind.DIALOGUE_OPENING: lambda: _("The virtual dialogue “%(subject)s” is open"),
    Kind.EVENT_REMINDER: lambda: _("Reminder: “%(subject)s” starts soon"),
    Kind.RECORDING: lambda: _("The recording of “%(subject)s” is available"),
    Kind.WAITLIST_PROMOTION: lambda: _("You have a place at “%(subject)s”"),
    Kind.SUGGESTION_APPROVED: lambda: _("Your suggestion “%(subject)s” was approved"),
    Kind.SUGGESTION_DECLINED: lambda: _("Your suggestion “%(subject)s” was declined"),
    Kind.POST_FLAGGED: lambda: _("Your post in “%(subject)s” was flagged for review"),
    Kind.POST_HIDDEN: lambda: _("Your post in “%(subject)s” was hidden by a facilitator"),
}


def notification_title(kind: str, params: Params, *, actor_name: str = "", count: int = 1) -> str:
    """The one-line title; `actor_name` (the actor's current name) wins over params."""
    values = {**params, "actor": actor_name or params.get("actor") or ""}
    if kind == Kind.REACTION:
        return _reaction(values, count)
    if kind == Kind.FORUM_POST:
        return _forum_post(values)
    template = _TITLES.get(kind)
    if template is None:
        return _subject(values) or _("Notification")
    return template() % {"actor": _actor(values), "subject": _subject(values)}
