"""Forms for starting a thread, replying and editing.

Forms only parse; the services check everything that makes a post acceptable (empty
text, length, limits, permissions), so the API and inbound mail get the same answers.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tertulia.forums.languages import content_language_choices
from tertulia.forums.models import POST_BODY_MAX, TITLE_MAX
from tertulia.forums.services.attachments import (
    ALT_TEXT_MAX,
    ValidatedUpload,
    validate_alt_texts,
    validate_upload,
)

# A few file boxes, each with its description: works without JavaScript, and a post
# rarely needs more (an edit can add more, up to the limit per post).
FILE_SLOTS = 3

BODY_HELP = _(
    "Markdown works: **bold**, *italic*, [links](https://example.org), lists and > quotes. "
    "Mention someone as @[Their Name]."
)


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class BodyField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", pgettext_lazy("post", "Your message"))
        kwargs.setdefault("help_text", BODY_HELP)
        # No max_length here: the service explains the limit in words a person can act on.
        super().__init__(
            strip=False,
            widget=forms.Textarea(attrs={"rows": 8, "maxlength": POST_BODY_MAX}),
            error_messages={"required": _("Write something before posting.")},
            **kwargs,
        )


class SubmissionKeyField(forms.CharField):
    """A random key per form: sending the same form twice makes one post."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=forms.HiddenInput, required=False, max_length=64, **kwargs)


class AttachmentsMixin(forms.Form):
    """File boxes with their descriptions, checked by content as the form validates."""

    uploads: list[ValidatedUpload]
    alt_texts: list[str]

    def add_file_fields(self) -> None:
        self.uploads, self.alt_texts = [], []
        for slot in range(1, FILE_SLOTS + 1):
            self.fields[f"file_{slot}"] = forms.FileField(
                label=_("File %(number)s") % {"number": slot},
                required=False,
                help_text=_(
                    "A picture (JPEG, PNG, WebP, GIF) or a document (PDF, Word, Excel, "
                    "PowerPoint, OpenDocument, text, CSV)."
                )
                if slot == 1
                else "",
            )
            self.fields[f"alt_{slot}"] = forms.CharField(
                label=_("Description of picture %(number)s") % {"number": slot},
                required=False,
                max_length=ALT_TEXT_MAX * 2,
                help_text=_("What the picture shows, for members who cannot see it.")
                if slot == 1
                else "",
            )

    def file_pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"file_{slot}"], self[f"alt_{slot}"]) for slot in range(1, FILE_SLOTS + 1)]

    def clean_uploads(self) -> tuple[list[ValidatedUpload], list[str]]:
        uploads: list[ValidatedUpload] = []
        alt_texts: list[str] = []
        for slot in range(1, FILE_SLOTS + 1):
            upload = self.cleaned_data.get(f"file_{slot}")
            if not upload:
                continue
            try:
                checked = validate_upload(upload)
            except forms.ValidationError as error:
                self.add_error(f"file_{slot}", error)
                continue
            try:
                alt = validate_alt_texts([checked], [self.cleaned_data.get(f"alt_{slot}", "")])
            except forms.ValidationError as error:
                self.add_error(f"alt_{slot}", error)
                continue
            uploads.append(checked)
            alt_texts.extend(alt)
        return uploads, alt_texts

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.uploads, self.alt_texts = self.clean_uploads()
        return cleaned


class ThreadForm(AttachmentsMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        strip=False,
        max_length=TITLE_MAX * 2,  # the service gives the real limit with a clearer message
        error_messages={"required": _("Give your thread a title.")},
    )
    body = BodyField()
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_("Leave it to be detected from your text, or choose it yourself."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Optional, separated by commas, e.g. evaluation, youth, radio."),
    )
    submission_key = SubmissionKeyField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)  # noqa: S101  # declared above
        language.choices = [("", _("Detect automatically")), *content_language_choices()]
        self.fields["submission_key"].initial = new_submission_key()
        self.add_file_fields()

    def tag_names(self) -> list[str]:
        raw: str = self.cleaned_data.get("tags") or ""
        return [name for name in raw.split(",") if name.strip()]


class ReplyForm(AttachmentsMixin, forms.Form):
    body = BodyField()
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    submission_key = SubmissionKeyField()

    def __init__(self, *args: Any, draft_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission_key"].initial = new_submission_key()
        self.add_file_fields()
        if draft_url:
            # With htmx, the reply box keeps a draft two seconds after the member stops typing.
            self.fields["body"].widget.attrs.update(
                {
                    "hx-post": draft_url,
                    "hx-trigger": "keyup changed delay:2s",
                    "hx-target": "#draft-status",
                    "hx-swap": "innerHTML",
                    # Only the text: never send the chosen files with every draft.
                    "hx-params": "body,csrfmiddlewaretoken",
                }
            )


class EditPostForm(AttachmentsMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        strip=False,
        max_length=TITLE_MAX * 2,
        error_messages={"required": _("Give your thread a title.")},
    )
    body = BodyField()
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_(
            "The language your post is written in. Choose “Detect automatically” to have it "
            "detected again from your changed text."
        ),
    )

    def __init__(self, *args: Any, with_title: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)  # noqa: S101  # declared above
        language.choices = [("", _("Detect automatically")), *content_language_choices()]
        self.add_file_fields()


class DraftForm(forms.Form):
    body = forms.CharField(required=False, strip=False)
