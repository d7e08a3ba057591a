"""Shared set-up for the newsletter tests: issues written through the compose services,
members reading in each language, and the parts of a mail that arrived over SMTP."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from email.message import EmailMessage

from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.newsletters.drafts import EditionDraft, SectionDraft
from tertulia.newsletters.models import Issue, IssueStatus
from tertulia.newsletters.services.compose import save_edition, start_issue
from tertulia.notifications.models import MailSettings
from tests.mailserver import SMTPServer

TITLES = {
    "en": "Care work and budgets: the June newsletter",
    "es": "Trabajo de cuidados y presupuestos: el boletín de junio",
    "fr": "Travail de soin et budgets : la lettre de juin",
}
INTRODUCTIONS = {
    "en": "Hello everyone! This month we talk about **care work**.",
    "es": "¡Hola a todas y todos! Este mes hablamos de **trabajo de cuidados**.",
    "fr": "Bonjour à toutes et à tous ! Ce mois-ci, parlons du **travail de soin**.",
}
SECTION_BODIES = {
    "en": "- Read the [summary](https://example.org/summary) of the last dialogue.",
    "es": "- Lean el [resumen](https://example.org/resumen) del último diálogo.",
    "fr": "- Lisez le [résumé](https://example.org/resume) du dernier dialogue.",
}


def draft(language: str = "en", **changes: object) -> EditionDraft:
    fields: dict[str, object] = {
        "language": language,
        "title": TITLES[language],
        "introduction": INTRODUCTIONS[language],
        "sections": [SectionDraft(heading=f"News ({language})", body=SECTION_BODIES[language])],
    }
    fields.update(changes)
    return EditionDraft(**fields)  # type: ignore[arg-type]  # the fields above


def make_issue(author: Member, languages: tuple[str, ...] = ("en",)) -> Issue:
    """A draft issue with an edition in each of `languages`."""
    issue = start_issue(author, draft(languages[0]))
    for language in languages[1:]:
        save_edition(author, issue.pk, draft(language))
    return issue


def mark_sent(issue: Issue, *, days_ago: int = 1) -> Issue:
    """The issue as the archive sees a sent one (without mailing anybody)."""
    sent_at = timezone.now() - timedelta(days=days_ago)
    Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENT, sent_at=sent_at)
    issue.refresh_from_db()
    return issue


def opt_out(member: Member) -> None:
    MailSettings.objects.update_or_create(member=member, defaults={"newsletter_opt_out": True})


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def copies_per_recipient(server: SMTPServer) -> Counter[str]:
    return Counter(rcpt for mail in server.received for rcpt in mail.recipients)
