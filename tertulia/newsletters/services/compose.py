"""Composing an issue: its editions (one per language), their introduction and sections.

An issue can be changed only while it is a draft; once sending starts it is fixed, so
every member reads the same text. Edits lock the issue's row, so an edit racing the
"Send" button either lands before the sending starts or is refused.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.core.validators import validate_multiline_text, validate_single_line_text
from tertulia.newsletters.drafts import EditionDraft, SectionDraft
from tertulia.newsletters.editions import EDITION_LANGUAGES
from tertulia.newsletters.models import (
    HEADING_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Edition,
    Issue,
    IssueStatus,
    Section,
)
from tertulia.newsletters.permissions import check_manage_newsletter
from tertulia.newsletters.prefill import default_period_start
from tertulia.newsletters.queries import latest_sent_at

MAX_SECTIONS = 12


def _text_errors(value: str, limit: int, *, multiline: bool) -> list[str]:
    if len(value) > limit:
        return [_("Keep it under %(max)d characters.") % {"max": limit}]
    try:
        (validate_multiline_text if multiline else validate_single_line_text)(value)
    except ValidationError as error:
        return list(error.messages)
    return []


def _section_errors(number: int, section: SectionDraft) -> list[str]:
    errors = []
    if not section.heading.strip():
        errors.append(_("Section %(number)d: give it a heading.") % {"number": number})
    if not section.body.strip():
        errors.append(_("Section %(number)d: write its text.") % {"number": number})
    for message in _text_errors(section.heading, HEADING_MAX, multiline=False):
        errors.append(_("Section %(number)d: %(message)s") % {"number": number, "message": message})
    for message in _text_errors(section.body, TEXT_MAX, multiline=True):
        errors.append(_("Section %(number)d: %(message)s") % {"number": number, "message": message})
    return errors


def clean_draft(draft: EditionDraft) -> EditionDraft:
    """The draft with blank sections dropped and text trimmed; ValidationError (by field:
    language, title, introduction, sections) when something cannot be saved."""
    errors: dict[str, list[str]] = {}
    if draft.language not in EDITION_LANGUAGES:
        errors["language"] = [_("Choose English, Spanish or French.")]
    title = " ".join(draft.title.split())
    if not title:
        errors["title"] = [_("Give the issue a title.")]
    elif title_errors := _text_errors(title, TITLE_MAX, multiline=False):
        errors["title"] = title_errors
    introduction = draft.introduction.strip()
    if not introduction:
        errors["introduction"] = [_("Write a few words of introduction.")]
    elif introduction_errors := _text_errors(introduction, TEXT_MAX, multiline=True):
        errors["introduction"] = introduction_errors
    sections = [
        SectionDraft(heading=" ".join(s.heading.split()), body=s.body.strip())
        for s in draft.sections
        if not s.is_blank
    ]
    section_errors = []
    if len(sections) > MAX_SECTIONS:
        section_errors.append(_("Keep to %(max)d sections at most.") % {"max": MAX_SECTIONS})
    for number, section in enumerate(sections, start=1):
        section_errors.extend(_section_errors(number, section))
    if section_errors:
        errors["sections"] = section_errors
    if errors:
        raise ValidationError(errors)
    return EditionDraft(
        language=draft.language, title=title, introduction=introduction, sections=sections
    )


def _write_edition(issue: Issue, draft: EditionDraft) -> Edition:
    now = timezone.now()
    edition, _created = Edition.objects.update_or_create(
        issue=issue,
        language=draft.language,
        defaults={
            "title": draft.title,
            "introduction": draft.introduction,
            "introduction_html": render_markdown(draft.introduction),
            "updated_at": now,
        },
    )
    Section.objects.filter(edition=edition).delete()
    Section.objects.bulk_create(
        Section(
            edition=edition,
            position=position,
            heading=section.heading,
            body=section.body,
            body_html=render_markdown(section.body),
        )
        for position, section in enumerate(draft.sections, start=1)
    )
    Issue.objects.filter(pk=issue.pk).update(updated_at=now)
    return edition


def _draft_issue_for_update(issue_id: int) -> Issue:
    issue = Issue.objects.select_for_update().filter(pk=issue_id).first()
    if issue is None:
        raise Http404
    if issue.status != IssueStatus.DRAFT:
        raise ValidationError(_("This issue is being sent or was sent: it can no longer change."))
    return issue


def start_issue(actor: Member, draft: EditionDraft) -> Issue:
    """A new draft issue with its first edition; it covers the time since the last issue."""
    check_manage_newsletter(actor)
    cleaned = clean_draft(draft)
    now = timezone.now()
    with transaction.atomic():
        issue = Issue.objects.create(
            covers_since=default_period_start(latest_sent_at(), now),
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        _write_edition(issue, cleaned)
    return issue


def save_edition(actor: Member, issue_id: int, draft: EditionDraft) -> Edition:
    """Write (or rewrite) the issue's edition in the draft's language."""
    check_manage_newsletter(actor)
    cleaned = clean_draft(draft)
    with transaction.atomic():
        issue = _draft_issue_for_update(issue_id)
        return _write_edition(issue, cleaned)


def remove_edition(actor: Member, issue_id: int, language: str) -> None:
    """Remove the issue's edition in `language`; 404 for a language no edition can have,
    ValidationError when the issue has no such edition or it is the last one."""
    check_manage_newsletter(actor)
    if language not in EDITION_LANGUAGES:
        raise Http404
    with transaction.atomic():
        issue = _draft_issue_for_update(issue_id)
        editions = Edition.objects.filter(issue=issue)
        if not editions.filter(language=language).exists():
            raise ValidationError(
                _("This issue has no edition in that language, so nothing was removed.")
            )
        if not editions.exclude(language=language).exists():
            raise ValidationError(
                _("An issue needs at least one edition. Delete the draft instead.")
            )
        editions.filter(language=language).delete()
        Issue.objects.filter(pk=issue.pk).update(updated_at=timezone.now())


def delete_draft(actor: Member, issue_id: int) -> None:
    check_manage_newsletter(actor)
    with transaction.atomic():
        issue = _draft_issue_for_update(issue_id)
        issue.delete()
