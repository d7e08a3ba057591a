"""What a per-scope choice ("forum:3") is called on the member's pages.

The label is stored with the choice (NotificationPreference.scope_label), taken from
the notification the choice was made from; a choice without one is shown with a
generic name, never its raw key.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

# Which title parameter of a notification names its scope's place, per scope prefix:
# a forum's notifications carry the forum's title as "forum" (forums' post_params()).
_LABEL_PARAMS = {"forum": "forum"}


def _prefix(scope: str) -> str:
    return scope.partition(":")[0]


def label_from_params(scope: str, params: object) -> str:
    """The place's name in a notification's parameters, "" when they hold none."""
    name = _LABEL_PARAMS.get(_prefix(scope))
    if name is None or not isinstance(params, Mapping):
        return ""
    return " ".join(str(params.get(name) or "").split())


def generic_label(scope: str) -> str:
    """A name for a scope whose own is unknown, in the active language."""
    if _prefix(scope) == "forum":
        return _("one forum")
    return _("one place")
