"""Forms for reporting posts and for the facilitators' moderation actions.

They parse and shape what was typed; the moderation services hold the rules (a reason
is required, a thread cannot merge into itself...) so that every door applies them.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tertulia.core.validators import parse_id
from tertulia.forums.models import TITLE_MAX, FlagReason, Forum
from tertulia.forums.services.moderation import REASON_MAX
from tertulia.forums.services.moderation_flags import FLAG_NOTE_MAX

_THREAD_IN_LINK = re.compile(r"/t/(\d{1,12})(?:/|$)")


def thread_id_in(raw: str) -> int | None:
    """The thread a member means by its number ("42") or a link to it
    ("https://…/forums/t/42/"); None when it is neither."""
    raw = raw.strip()
    thread_id = parse_id(raw)
    if thread_id is not None:
        return thread_id
    found = _THREAD_IN_LINK.search(raw)
    return int(found.group(1)) if found else None


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this post?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you are reporting this post.")},
    )
    note = forms.CharField(
        label=_("Anything the facilitators should know (optional)"),
        max_length=FLAG_NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReasonForm(forms.Form):
    """The reason a facilitator gives; required for hiding and rejecting."""

    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX, required=False)

    def __init__(self, *args: Any, required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = required
        field.error_messages["required"] = _(
            "Say why, in a few words: the reason goes in the moderation log."
        )
        if not required:
            field.label = _("Reason (optional)")


def _forum_choices(forums: list[Forum], exclude: int | None = None) -> list[tuple[int, str]]:
    return [(forum.pk, str(forum.title)) for forum in forums if forum.pk != exclude]


class _ForumField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            coerce=int,
            error_messages={
                "required": _("Choose a forum."),
                "invalid_choice": _("That forum does not exist. Choose one from the list."),
            },
            **kwargs,
        )


class MoveForm(ReasonForm):
    forum = _ForumField(label=_("Move to the forum"))

    def __init__(self, *args: Any, forums: list[Forum], current: int, **kwargs: Any) -> None:
        super().__init__(*args, required=True, **kwargs)
        self.fields["forum"].choices = _forum_choices(forums, exclude=current)  # type: ignore[attr-defined]  # a ChoiceField
        self.order_fields(["forum", "reason"])


class MergeForm(ReasonForm):
    target = forms.CharField(
        label=_("Merge into the thread (its number or its link)"),
        max_length=500,
        error_messages={"required": _("Give the number or the link of the other thread.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, required=True, **kwargs)
        self.order_fields(["target", "reason"])

    def clean_target(self) -> int:
        thread_id = thread_id_in(self.cleaned_data["target"])
        if thread_id is not None:
            return thread_id
        raise forms.ValidationError(
            _("Give the thread's number (such as 42) or paste a link to it."), code="invalid"
        )


class _PostIdsField(forms.Field):
    """The ids of the ticked posts; the template draws one checkbox per post."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            return [int(item) for item in value]
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(_("Choose posts from the list."), code="invalid") from error


class SplitForm(ReasonForm):
    posts = _PostIdsField(
        label=_("Posts to move"),
        error_messages={"required": _("Choose the posts to move into the new thread.")},
    )
    title = forms.CharField(
        label=_("Title of the new thread"),
        max_length=TITLE_MAX,
        error_messages={"required": _("Give the new thread a title.")},
    )
    forum = _ForumField(label=_("Forum of the new thread"))

    def __init__(self, *args: Any, forums: list[Forum], **kwargs: Any) -> None:
        super().__init__(*args, required=True, **kwargs)
        self.fields["forum"].choices = _forum_choices(forums)  # type: ignore[attr-defined]  # a ChoiceField
        self.order_fields(["posts", "title", "forum", "reason"])
