"""What members write in the forums: checking titles and bodies, @mentions, quotes.

Display names are whole names in any script, often with spaces ("Nadège Mamas
MAVOUNGOU"), so a bare `@Name` cannot tell where a name ends. A member mentions
someone as `@[Display Name]` (any case, accents optional) or, as a mention picker
would write it, `@[#123]` or `@123` with the member's number. Resolved mentions become
links to the profile and are recorded on the post; anything else stays plain text.
Mentions inside code (`code` or fenced blocks) are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from tertulia.accounts.models import DISPLAY_NAME_MAX, Member
from tertulia.core.markdown import render_markdown
from tertulia.core.validators import fold_for_search, validate_single_line_text
from tertulia.forums.models import POST_BODY_MAX, TITLE_MAX

# A post naming more people than this is a broadcast, not a conversation.
MAX_MENTIONS = 20
QUOTE_MAX_CHARS = 5_000

_CODE = re.compile(r"(```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|`[^`\n]*`)", re.DOTALL)
_MENTION = re.compile(
    r"@\[#(?P<bracket_id>\d{1,12})\]"
    rf"|@\[(?P<name>[^\]\n]{{1,{DISPLAY_NAME_MAX}}})\]"
    r"|(?<![\w@/])@(?P<bare_id>\d{1,12})\b"
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")


@dataclass
class RenderedPost:
    html: str
    mentions: list[Member] = field(default_factory=list)


def clean_body(body: str) -> str:
    """A post's text as stored, or ValidationError with a message for the author."""
    # PostgreSQL refuses NUL characters in text; nobody types them on purpose.
    body = body.replace("\x00", "")
    if not body.strip():
        raise ValidationError(_("Write something before posting."), code="empty")
    # Leading spaces may be Markdown (an indented code block); blank lines are not.
    body = body.rstrip().lstrip("\r\n")
    if len(body) > POST_BODY_MAX:
        raise ValidationError(
            _(
                "Your text is %(length)s characters long; a post can hold %(limit)s. "
                "Split it into several posts, or attach it as a document."
            )
            % {"length": f"{len(body):,}", "limit": f"{POST_BODY_MAX:,}"},
            code="too_long",
        )
    return body


def clean_title(title: str) -> str:
    """A thread title on one line, spaces tidied, or ValidationError."""
    title = " ".join(title.replace("\x00", "").split())
    if not title:
        raise ValidationError(_("Give your thread a title."), code="empty")
    if len(title) > TITLE_MAX:
        raise ValidationError(
            _("Keep the title under %(limit)s characters.") % {"limit": TITLE_MAX},
            code="too_long",
        )
    validate_single_line_text(title)
    return title


def clean_fields(*, body: str, title: str | None = None) -> tuple[str, str | None]:
    """Clean a title (when given) and a body, with errors keyed by field for forms and the API."""
    errors: dict[str, ValidationError] = {}
    cleaned_title = None
    if title is not None:
        try:
            cleaned_title = clean_title(title)
        except ValidationError as error:
            errors["title"] = error
    try:
        body = clean_body(body)
    except ValidationError as error:
        errors["body"] = error
    if errors:
        raise ValidationError(errors)
    return body, cleaned_title


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _prose_segments(body: str) -> list[tuple[bool, str]]:
    """The body cut into (is_code, text) pieces, in order."""
    pieces: list[tuple[bool, str]] = []
    last = 0
    for match in _CODE.finditer(body):
        pieces.append((False, body[last : match.start()]))
        pieces.append((True, match.group(0)))
        last = match.end()
    pieces.append((False, body[last:]))
    return pieces


def _find_members(body: str) -> tuple[dict[int, Member], dict[str, list[Member]]]:
    ids: set[int] = set()
    names: set[str] = set()
    for is_code, text in _prose_segments(body):
        if is_code:
            continue
        for match in _MENTION.finditer(text):
            number = match.group("bracket_id") or match.group("bare_id")
            if number:
                ids.add(int(number))
            else:
                names.add(fold_for_search(" ".join(match.group("name").split())))
            if len(ids) + len(names) >= MAX_MENTIONS:
                break
    if not ids and not names:
        return {}, {}
    found = Member.objects.filter(Q(pk__in=ids) | Q(search_name__in=names), is_active=True)
    by_id: dict[int, Member] = {}
    by_name: dict[str, list[Member]] = {}
    for member in found.order_by("pk")[: MAX_MENTIONS * 2]:
        if member.pk in ids:
            by_id[member.pk] = member
        by_name.setdefault(member.search_name, []).append(member)
    return by_id, by_name


def render_post_body(body: str) -> RenderedPost:
    """The post's sanitised HTML, with resolved @mentions linked, and who they are."""
    by_id, by_name = _find_members(body)
    mentioned: dict[int, Member] = {}

    def link(match: re.Match[str]) -> str:
        number = match.group("bracket_id") or match.group("bare_id")
        if number:
            members = [by_id[int(number)]] if int(number) in by_id else []
        else:
            members = by_name.get(fold_for_search(" ".join(match.group("name").split())), [])
        if not members or len(mentioned) >= MAX_MENTIONS:
            return match.group(0)
        # Two members may share a name; the mention reaches both, the link goes to the first.
        for member in members:
            mentioned.setdefault(member.pk, member)
        target = members[0]
        url = reverse("member-profile", kwargs={"member_id": target.pk})
        return f"[@{escape_markdown(target.display_name)}]({url})"

    if by_id or by_name:
        body = "".join(
            text if is_code else _MENTION.sub(link, text) for is_code, text in _prose_segments(body)
        )
    return RenderedPost(html=render_markdown(body), mentions=list(mentioned.values()))


def quote_markdown(*, author_name: str, permalink: str, body: str) -> str:
    """A Markdown blockquote of a post that opens with a link back to it."""
    if len(body) > QUOTE_MAX_CHARS:
        body = body[:QUOTE_MAX_CHARS].rstrip() + " …"
    heading = _("%(name)s wrote") % {"name": escape_markdown(author_name)}
    lines = [f"> [{heading}]({permalink}):", ">"]
    lines += [f"> {line}".rstrip() for line in body.strip().splitlines()]
    return "\n".join(lines) + "\n\n"
