"""Telling a sender why their mail was not posted, in their language, without a loop.

The bounce goes to the From address (the person who wrote), in the language of the
member who owns that address (the site's language otherwise). It quotes the text we
read, so nothing written is lost, and carries Auto-Submitted: auto-replied so that
responders do not answer it; robots' mail is never bounced in the first place
(autoreplies.py).

A From address can be forged: the refusal of a stranger's mail (an unknown address, a
sender who is no member) is short and fixed, quoting neither the subject nor the text,
so that nobody can have the site carry their words to someone else's mailbox.
"""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.core.models import SiteSettings
from tertulia.notifications.mail import NotificationEmail, formatted_address

QUOTED_TEXT_MAX = 20_000


def bounce_language(member: Member | None) -> str:
    return member.interface_language if member is not None else settings.LANGUAGE_CODE


def send_refusal(
    *,
    to: str,
    member: Member | None,
    subject: str,
    message_id: str,
    reason: str,
    text: str = "",
    quote: bool = True,
) -> None:
    """Mail `to` that their message was not posted, and why. Raises on SMTP failure, so
    that the caller's transaction (and the log row) rolls back and the MTA retries.
    quote=False: repeat nothing of the message (neither `subject` nor `text`)."""
    community = SiteSettings.current().community_name
    with translation.override(bounce_language(member)):
        greeting = _("Hello %(name)s,") % {"name": member.display_name} if member else _("Hello,")
        if quote:
            summary = _("Your message “%(subject)s” was not posted on %(community)s.") % {
                "subject": subject or _("(no subject)"),
                "community": community,
            }
            title = _("Not posted: %(subject)s") % {"subject": subject or _("(no subject)")}
        else:
            summary = _("Your message was not posted on %(community)s.") % {"community": community}
            title = _("Your message was not posted")
        paragraphs = [greeting, summary, reason]
        if quote and text.strip():
            paragraphs += [
                _("Here is the text we read in it, so that nothing you wrote is lost:"),
                "\n".join(f"> {line}" for line in text[:QUOTED_TEXT_MAX].splitlines()),
            ]
        paragraphs.append(
            _("You can always write on the site: %(url)s") % {"url": settings.SITE_URL}
        )
        paragraphs.append(
            _("This is an automatic reply from %(community)s; replies to it are not read.")
            % {"community": community}
        )
    _name, from_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    headers = {"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"}
    if message_id:
        headers["In-Reply-To"] = message_id
        headers["References"] = message_id
    # NotificationEmail: keeps a long non-ASCII subject on the Subject line.
    NotificationEmail(
        subject=" ".join(title.split())[:250],
        body="\n\n".join(paragraphs) + "\n",
        from_email=formatted_address(community, from_address),
        to=[to],
        headers=headers,
    ).send()
