"""A batch serialises each edition once; every member's bytes read as Django's own."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from tertulia.accounts.models import Member
from tertulia.newsletters.delivery import rendered_editions, run_batch
from tertulia.newsletters.mail import build_newsletter_mail, prepare_for_smtp
from tertulia.newsletters.models import Edition, Issue, IssueStatus
from tertulia.newsletters.services.compose import save_edition
from tests.factories import make_member
from tests.mailserver import SMTPServer, _smtp_controller, smtp_server
from tests.newsletters.newsletter_setup import (
    copies_per_recipient,
    draft,
    html_of,
    make_issue,
    text_of,
)

__all__ = ["_smtp_controller", "smtp_server"]

pytestmark = pytest.mark.django_db


def parsed(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def headers(message: EmailMessage) -> dict[str, str]:
    # The Date is the moment of serialising, the boundary a random string; a long header
    # Django folds reads with the continuation's leading space.
    return {
        name: str(value).strip()
        for name, value in message.items()
        if name not in {"Date", "Content-Type"}
    }


@pytest.mark.parametrize("name", ["Ana Pérez", "栄祥 林", 'Doe, "Jane"', "Plain Name"])
def test_prepared_bytes_read_as_the_message_django_builds(facilitator: Member, name: str) -> None:
    member = make_member(display_name=name, interface_language="es")
    issue = make_issue(facilitator, ("en", "es"))
    edition = next(e for e in rendered_editions(issue.pk) if e.language == "es")
    prepared = prepare_for_smtp(edition)
    assert prepared is not None

    fast = parsed(prepared.raw_for(member))
    django = parsed(build_newsletter_mail(edition, member).message().as_bytes(linesep="\r\n"))

    assert headers(fast) == headers(django)
    assert text_of(fast) == text_of(django)
    assert html_of(fast) == html_of(django)
    assert fast.get_content_type() == "multipart/alternative"
    assert prepared.envelope_to(member).endswith(f"<{member.email}>")


def test_an_edition_with_very_long_lines_is_serialised_per_member(facilitator: Member) -> None:
    issue = make_issue(facilitator)
    save_edition(facilitator, issue.pk, draft("en", introduction="Long " * 400))
    assert Edition.objects.filter(issue=issue).exists()

    (edition,) = rendered_editions(issue.pk)

    # Django sends a part with a line over 998 characters quoted-printable, where the
    # member's link cannot be written into shared bytes.
    assert prepare_for_smtp(edition) is None


def test_such_an_edition_still_reaches_everyone_with_their_own_link(
    smtp_server: SMTPServer, facilitator: Member, member: Member
) -> None:
    issue = make_issue(facilitator)
    save_edition(facilitator, issue.pk, draft("en", introduction="Long " * 400))
    Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING)

    while run_batch(issue.pk).claimed:
        pass

    assert copies_per_recipient(smtp_server) == {facilitator.email: 1, member.email: 1}
    for mail in smtp_server.received:
        link = mail.message["List-Unsubscribe"].strip()[1:-1]
        assert link.startswith("http://127.0.0.1:8000/newsletter/unsubscribe/")
        assert link in html_of(mail.message)
        assert link in text_of(mail.message)
        assert "Long Long Long" in html_of(mail.message)
