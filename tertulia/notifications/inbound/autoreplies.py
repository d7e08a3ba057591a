"""Mail no person wrote: vacation replies, bounces, list traffic. Never posted, never
answered: answering a robot is how mail loops start (RFC 3834).
"""

from __future__ import annotations

import re
from email.message import Message
from email.utils import parseaddr

from django.conf import settings

from tertulia.notifications.inbound.parsing import header_text

NULL_SENDERS = {"", "mailer-daemon"}
BULK_PRECEDENCE = {"bulk", "auto_reply", "list", "junk"}
# Headers some responders set instead of (or besides) Auto-Submitted.
AUTORESPONDER_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Vacation")
ROBOT_SENDERS = re.compile(r"^(mailer-daemon|postmaster|no-?reply|bounces?)([+@-]|$)", re.I)
OUT_OF_OFFICE = re.compile(
    r"^\s*(?:"
    r"auto(?:matic)?[ -]?(?:reply|response)|autoreply|out of (?:the )?office|"
    r"respuesta automática|fuera de la oficina|"
    r"réponse automatique|absence du bureau|absent(?:e)? du bureau|message d'absence|"
    r"abwesenheitsnotiz|automatische antwort|"
    r"auto:|autosvar"
    r")",
    re.IGNORECASE,
)


def robot_reason(message: Message, *, sender: str, envelope_sender: str | None) -> str:
    """Why this mail is automatic ("" when a person wrote it), for the log."""
    auto_submitted = header_text(message, "Auto-Submitted").split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    for name in AUTORESPONDER_HEADERS:
        if header_text(message, name):
            return f"{name} header"
    for name in ("Precedence", "X-Precedence"):
        if header_text(message, name).lower() in BULK_PRECEDENCE:
            return f"{name}: {header_text(message, name)}"
    if envelope_sender is None:
        envelope_sender = header_text(message, "Return-Path") or None
    # Postfix's pipe passes the null sender as MAILER-DAEMON unless told otherwise.
    if envelope_sender is not None and envelope_sender.strip("<> ").lower() in NULL_SENDERS:
        return "null envelope sender (a delivery report)"
    if message.get_content_type() == "multipart/report":
        return "delivery or read report"
    _name, our_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if sender and (sender == our_address.lower() or ROBOT_SENDERS.match(sender)):
        return f"sent by {sender}"
    if OUT_OF_OFFICE.match(header_text(message, "Subject")):
        return "out-of-office subject"
    return ""
