"""Taking the quoted mail and the signature out of a reply, leaving what the member wrote.

What mail clients add below (or around) the new text:
- an attribution line, maybe wrapped over two or three lines: "On … wrote:",
  "El … escribió:", "Le … a écrit :" (and German, Portuguese, Italian, Dutch forms),
  followed by the quoted message;
- lines starting with ">" (the quoted message; in an interleaved reply the member's
  answers sit between them, and are kept);
- Outlook's header block without ">": "-----Original Message-----", or a line of
  underscores, then "From:/De :/De:/Von:" with "Sent:/Envoyé :/Enviado el:/Date:" just
  below; everything from there on is the old message;
- the signature after the "-- " separator, and "Sent from my phone" lines at the end.

These are lines of plain text, matched line by line; HTML has been turned into text
before (html_text.py).
"""

from __future__ import annotations

import re

_ATTRIBUTION = re.compile(
    r"^\s*(?:"
    r"On\s.{4,300}\swrote\s?:"
    r"|El\s.{4,300}\sescribi[óo]\s?:"
    r"|Le\s.{4,300}\sa\s+[ée]crit\s?:"
    r"|Am\s.{4,300}\sschrieb.{0,60}:"
    r"|Em\s.{4,300}\sescreveu\s?:"
    r"|Il\s.{4,300}\sha\s+scritto\s?:"
    r"|Op\s.{4,300}\sschreef.{0,60}:"
    r")\s*$",
    re.IGNORECASE,
)
_ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{2,}\s*(?:Original Message|Mensaje original|Message d'origine|"
    r"Message original|Ursprüngliche Nachricht|Mensagem original)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_UNDERSCORES = re.compile(r"^\s*_{10,}\s*$")
_HEADER_FROM = re.compile(r"^\s*\*?(?:From|De|Von|Da|Van)\s?:\*?\s", re.IGNORECASE)
_HEADER_NEXT = re.compile(
    r"^\s*\*?(?:Sent|Date|Envoyé|Enviado(?: el)?|Fecha|Gesendet|Inviato|Verzonden|"
    r"To|À|Para|An|Subject|Objet|Asunto)\s?:",
    re.IGNORECASE,
)
_MOBILE_SIGNATURE = re.compile(
    r"^\s*(?:Sent from|Enviado desde|Envoyé de|Envoyé depuis|Get Outlook for|"
    r"Obtener Outlook para|Télécharger Outlook pour)\b.{0,60}$",
    re.IGNORECASE,
)
_BLANK_RUNS = re.compile(r"\n{3,}")
ATTRIBUTION_MAX_LINES = 3
HEADER_LOOKAHEAD = 6


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _signature_start(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        # "-- " is the convention; many clients drop the trailing space.
        if line in {"-- ", "--"}:
            return index
    return None


def _outlook_header_start(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        if _ORIGINAL_MESSAGE.match(line):
            return index
        if _HEADER_FROM.match(line) and any(
            _HEADER_NEXT.match(following)
            for following in lines[index + 1 : index + 1 + HEADER_LOOKAHEAD]
        ):
            above = index - 1
            while above >= 0 and not lines[above].strip():
                above -= 1
            return above if above >= 0 and _UNDERSCORES.match(lines[above]) else index
    return None


def _next_written(lines: list[str]) -> list[int | None]:
    """For each position, the first non-blank line at or after it (None: only blanks
    left), found in one backward pass, so that trying every line as an attribution
    stays linear in the length of the mail."""
    found: list[int | None] = [None] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        found[index] = index if lines[index].strip() else found[index + 1]
    return found


def _attribution(lines: list[str]) -> tuple[int, int] | None:
    """(first, after-last) line of an attribution followed by quoted text or nothing."""
    next_written = _next_written(lines)
    for start in range(len(lines)):
        if _is_quoted(lines[start]) or not lines[start].strip():
            continue
        for size in range(1, ATTRIBUTION_MAX_LINES + 1):
            window = lines[start : start + size]
            if len(window) < size or any(_is_quoted(line) for line in window):
                break
            if _ATTRIBUTION.match(" ".join(line.strip() for line in window)):
                following = next_written[start + size]
                if following is None or _is_quoted(lines[following]):
                    return start, start + size
    return None


def remove_quotes(text: str) -> str:
    """The new text of a reply: no quoted message, no attribution, no signature."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for find_end in (_signature_start, _outlook_header_start):
        end = find_end(lines)
        if end is not None:
            lines = lines[:end]
    found = _attribution(lines)
    if found is not None:
        start, stop = found
        rest = lines[stop:]
        interleaved = any(line.strip() and not _is_quoted(line) for line in rest)
        # Top-posted: everything from the attribution on is the old message.
        # Interleaved: the member answered between the quotes; keep those answers.
        lines = lines[:start] + rest if interleaved else lines[:start]
    lines = [line.rstrip() for line in lines if not _is_quoted(line)]
    while lines and (not lines[-1].strip() or _MOBILE_SIGNATURE.match(lines[-1])):
        lines.pop()
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
