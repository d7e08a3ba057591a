"""The newsletter's mail: both parts from templates, in the edition's language.

An edition is rendered once (`render_edition`) and reused for every recipient of that
language; the only part that differs between members, their one-click unsubscribe link,
is put in afterwards (`RenderedEdition.for_member`). The browser preview is the same
call for the facilitator looking at it, so the preview is exactly the mail's HTML.

Headers: `List-Unsubscribe` + `List-Unsubscribe-Post` (RFC 8058) turn the newsletter off
in one click without signing in; `List-Id` lets mail filters sort it; `Message-ID` is
stable per (issue, member), so a copy re-sent after a crash is recognisably the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail.message import forbid_multi_line_headers, sanitize_address
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.newsletters.models import Edition, Section
from tertulia.newsletters.tokens import UNSUBSCRIBE_KIND, list_id, newsletter_message_id
from tertulia.notifications.mail import (
    NotificationEmail,
    absolute_url,
    community_sender,
    formatted_address,
)
from tertulia.notifications.tokens import make_unsubscribe_token

# Stands for the recipient's unsubscribe link in the rendered edition (never sent).
UNSUBSCRIBE_MARK = "tertulia-newsletter-unsubscribe-link-7f3a"


def unsubscribe_url(member_id: int) -> str:
    token = make_unsubscribe_token(member_id, UNSUBSCRIBE_KIND)
    return absolute_url(reverse("newsletter-unsubscribe", kwargs={"token": token}))


def edition_url(issue_id: int, language: str) -> str:
    return absolute_url(
        reverse("newsletter-issue-edition", kwargs={"issue_id": issue_id, "language": language})
    )


@dataclass(frozen=True)
class MemberCopy:
    html: str
    text: str
    unsubscribe_url: str


@dataclass(frozen=True)
class RenderedEdition:
    issue_id: int
    language: str
    subject: str
    sender: str
    html: str
    text: str

    def for_member(self, member_id: int) -> MemberCopy:
        link = unsubscribe_url(member_id)
        return MemberCopy(
            html=self.html.replace(UNSUBSCRIBE_MARK, escape(link)),
            text=self.text.replace(UNSUBSCRIBE_MARK, link),
            unsubscribe_url=link,
        )


def render_edition(edition: Edition, sections: list[Section]) -> RenderedEdition:
    """Both parts of the edition's mail, with UNSUBSCRIBE_MARK for the member's link."""
    community = SiteSettings.current().community_name
    with translation.override(edition.language):
        context = {
            "edition": edition,
            "sections": sections,
            "community": community,
            "language_code": edition.language,
            "web_url": edition_url(edition.issue_id, edition.language),
            "preferences_url": absolute_url(reverse("notification-preferences")),
            "unsubscribe_url": UNSUBSCRIBE_MARK,
        }
        html = render_to_string("newsletters/mail/newsletter.html", context)
        text = render_to_string("newsletters/mail/newsletter.txt", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    subject = " ".join(f"{prefix}{edition.title}".split())[:250]
    return RenderedEdition(
        issue_id=edition.issue_id,
        language=edition.language,
        subject=subject,
        sender=community_sender("", community),
        html=html,
        text=text,
    )


def _message(
    rendered: RenderedEdition,
    *,
    to: str,
    message_id: str,
    unsubscribe: str,
    text: str,
    html: str,
    subject: str = "",
) -> NotificationEmail:
    headers = {
        "Message-ID": message_id,
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": list_id(),
        "Content-Language": rendered.language,
        "Precedence": "bulk",
        # Out-of-office replies to a newsletter help nobody.
        "X-Auto-Response-Suppress": "OOF, AutoReply",
    }
    # NotificationEmail only fixes how a long non-ASCII Subject is folded.
    message = NotificationEmail(
        subject=subject or rendered.subject,
        body=text,
        from_email=rendered.sender,
        to=[to],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def build_newsletter_mail(
    rendered: RenderedEdition, member: Member, *, subject: str = ""
) -> NotificationEmail:
    """The complete message for one member (`subject` replaces the edition's, for tests)."""
    copy = rendered.for_member(member.pk)
    return _message(
        rendered,
        to=formatted_address(member.display_name, member.email),
        message_id=newsletter_message_id(rendered.issue_id, member.pk),
        unsubscribe=copy.unsubscribe_url,
        text=copy.text,
        html=copy.html,
        subject=subject,
    )


# Written for each member by PreparedEdition; the rest of the message is shared.
_OWN_HEADERS = (b"to:", b"message-id:", b"list-unsubscribe:")


@dataclass(frozen=True)
class PreparedEdition:
    """The edition's message as SMTP bytes, serialised once for a whole batch.

    Serialising a MIME message costs far more than sending it; for a newsletter only the
    recipient, two headers and the unsubscribe link differ between members. `raw_for`
    writes those into the shared bytes and gives what `build_newsletter_mail(...)` would
    have given, but for the Date header and the MIME boundary (tests compare the two).
    """

    rendered: RenderedEdition
    envelope_from: str
    head: bytes  # the shared headers, each line ending in CRLF
    body: bytes  # the MIME body, UNSUBSCRIBE_MARK where each member's link goes

    def envelope_to(self, member: Member) -> str:
        return sanitize_address(formatted_address(member.display_name, member.email), "utf-8")

    def raw_for(self, member: Member) -> bytes:
        # The link is made of URL-safe characters only, which HTML escaping leaves as
        # they are: the same bytes go into the text and the HTML part.
        link = unsubscribe_url(member.pk)
        _name, to = forbid_multi_line_headers(
            "To", formatted_address(member.display_name, member.email), "utf-8"
        )
        own = (
            f"To: {to}\r\n"
            f"Message-ID: {newsletter_message_id(self.rendered.issue_id, member.pk)}\r\n"
            f"List-Unsubscribe: <{link}>\r\n"
        ).encode("ascii")
        return self.head + own + b"\r\n" + self.body.replace(_MARK, link.encode("ascii"))


_MARK = UNSUBSCRIBE_MARK.encode("ascii")


def prepare_for_smtp(rendered: RenderedEdition) -> PreparedEdition | None:
    """The edition ready for `raw_for`; None when a part is not sent as plain 8-bit text
    (Django encodes a part with a line over 998 characters as quoted-printable, whose
    lines a longer link would break): such editions are serialised member by member."""
    message = _message(
        rendered,
        to="member@invalid.example",
        message_id="<prepared@invalid.example>",
        unsubscribe=UNSUBSCRIBE_MARK,
        text=rendered.text,
        html=rendered.html,
    )
    raw = message.message().as_bytes(linesep="\r\n")
    head, _blank, body = raw.partition(b"\r\n\r\n")
    encoded = b"Content-Transfer-Encoding: quoted-printable" in body or (
        b"Content-Transfer-Encoding: base64" in body
    )
    if encoded or body.count(_MARK) != 2:
        return None
    kept: list[bytes] = []
    dropping = False
    for line in head.split(b"\r\n"):
        if line[:1] in {b" ", b"\t"}:  # a folded header's continuation
            if not dropping:
                kept.append(line)
            continue
        dropping = line.lower().startswith(_OWN_HEADERS)
        if not dropping:
            kept.append(line)
    return PreparedEdition(
        rendered=rendered,
        envelope_from=sanitize_address(rendered.sender, "utf-8"),
        head=b"".join(line + b"\r\n" for line in kept),
        body=body,
    )
