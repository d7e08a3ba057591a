"""Forms for writing an edition (title, introduction, sections) and the test mail.

Forms parse and give messages at the field; the compose service checks again, so any
caller gets the same rules.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from tertulia.newsletters.drafts import EditionDraft, SectionDraft
from tertulia.newsletters.models import HEADING_MAX, TEXT_MAX, TITLE_MAX
from tertulia.newsletters.services.compose import MAX_SECTIONS

MARKDOWN_HELP = _("You can use Markdown: **bold**, *italics*, [a link](https://…), lists with “-”.")


class EditionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("The subject of the mail and the title in the archive."),
        error_messages={"required": _("Give the issue a title.")},
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("Write a few words of introduction.")},
    )


class LanguageForm(forms.Form):
    """The language of a new issue's first edition."""

    language = forms.ChoiceField(
        label=_("Language of this edition"),
        choices=settings.LANGUAGES,
        error_messages={
            "required": _("Choose English, Spanish or French."),
            "invalid_choice": _("Choose English, Spanish or French."),
        },
    )


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=HEADING_MAX, required=False)
    body = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Leave the heading and the text empty to leave the section out."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        heading, body = (data.get("heading") or "").strip(), (data.get("body") or "").strip()
        if body and not heading:
            self.add_error("heading", _("Give this section a heading, or empty its text."))
        if heading and not body:
            self.add_error("body", _("Write this section's text, or empty its heading."))
        return data

    def draft(self) -> SectionDraft:
        return SectionDraft(
            heading=self.cleaned_data.get("heading") or "", body=self.cleaned_data.get("body") or ""
        )


SectionFormSet = formset_factory(
    SectionForm, extra=1, max_num=MAX_SECTIONS, absolute_max=MAX_SECTIONS + 1, validate_max=True
)


def section_initial(sections: list[SectionDraft]) -> list[dict[str, str]]:
    return [{"heading": s.heading, "body": s.body} for s in sections]


def edition_draft(language: str, form: EditionForm, sections: Any) -> EditionDraft:
    """The draft from valid forms."""
    return EditionDraft(
        language=language,
        title=form.cleaned_data["title"],
        introduction=form.cleaned_data["introduction"],
        sections=[section_form.draft() for section_form in sections.forms],
    )


class TestMailForm(forms.Form):
    language = forms.ChoiceField(label=_("Edition"))

    def __init__(self, *args: Any, languages: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101  # declared above
        field.choices = languages
