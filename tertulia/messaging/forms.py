"""Forms for private messages. They only parse; the services check everything else,
so every door (pages, API, inbound mail) gets the same answers."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tertulia.forums.services.attachments import (
    ALT_TEXT_MAX,
    ValidatedUpload,
    validate_alt_texts,
    validate_upload,
)
from tertulia.messaging.models import MESSAGE_BODY_MAX, REPORT_REASON_MAX, SUBJECT_MAX
from tertulia.messaging.services.attachments import MAX_ATTACHMENTS_PER_MESSAGE

BODY_HELP = _("Markdown works: **bold**, *italic*, [links](https://example.org), lists.")


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class MessageForm(forms.Form):
    """A message body with optional files, each with its description."""

    body = forms.CharField(
        label=pgettext_lazy("private message", "Message"),
        help_text=BODY_HELP,
        strip=False,
        required=False,  # the service says "Write a message before sending."
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MESSAGE_BODY_MAX}),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    uploads: list[ValidatedUpload]
    alt_texts: list[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_submission_key())
        self.uploads, self.alt_texts = [], []
        for slot in range(1, MAX_ATTACHMENTS_PER_MESSAGE + 1):
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
        return [
            (self[f"file_{slot}"], self[f"alt_{slot}"])
            for slot in range(1, MAX_ATTACHMENTS_PER_MESSAGE + 1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for slot in range(1, MAX_ATTACHMENTS_PER_MESSAGE + 1):
            upload = cleaned.get(f"file_{slot}")
            if not upload:
                continue
            try:
                checked = validate_upload(upload)
            except forms.ValidationError as error:
                self.add_error(f"file_{slot}", error)
                continue
            try:
                alt = validate_alt_texts([checked], [cleaned.get(f"alt_{slot}", "")])
            except forms.ValidationError as error:
                self.add_error(f"alt_{slot}", error)
                continue
            self.uploads.append(checked)
            self.alt_texts.extend(alt)
        return cleaned


class ConversationForm(MessageForm):
    recipients = forms.CharField(
        label=_("To"),
        required=False,  # the service says "Choose at least one member to write to."
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Display names or email addresses of members, separated by commas or new lines."
        ),
    )
    recipient_ids = forms.TypedMultipleChoiceField(
        label=_("Chosen members"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    subject = forms.CharField(
        label=_("Subject"),
        required=False,  # the service says "Give your conversation a subject."
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": SUBJECT_MAX}),
    )

    field_order = ("recipient_ids", "recipients", "subject", "body")

    def __init__(self, *args: Any, chosen: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recipient_ids"]
        assert isinstance(field, forms.TypedMultipleChoiceField)  # noqa: S101
        field.choices = list(chosen)
        if not self.is_bound:
            self.initial["recipient_ids"] = [member_id for member_id, _name in chosen]
        self.order_fields(self.field_order)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        required=False,  # the service gives the message
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": REPORT_REASON_MAX}),
        help_text=_("Only the facilitators read this, with the message you report."),
    )


class BlockForm(forms.Form):
    name = forms.CharField(
        label=_("Member to block"),
        required=False,
        max_length=300,
        help_text=_("Their display name or email address."),
    )
