"""Checking what a facilitator typed for a dialogue: every problem at its field, at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tertulia.core.languages import SPOKEN_LANGUAGE_CODES
from tertulia.core.timezones import is_valid_zone
from tertulia.core.validators import (
    validate_multiline_text,
    validate_plausible_day,
    validate_single_line_text,
)
from tertulia.dialogues.models import TEXT_MAX, TITLE_MAX, Dialogue
from tertulia.dialogues.ordinals import dialogue_name
from tertulia.dialogues.windows import MAX_WINDOW_DAYS, day_window

SUMMARY_MAX = 2_000
QUESTION_MAX = 500
MAX_QUESTIONS = 30
NUMBER_MAX = 10_000


@dataclass
class DialogueFields:
    """What a dialogue is made of, as typed; `_clean` checks and normalises it."""

    number: Any
    title: str
    summary: str
    time_zone: str
    opens_on: date | None
    closes_on: date | None
    concept_note: str = ""
    key_questions: Sequence[str] | str = ()
    languages: Sequence[str] = ()
    errors: dict[str, list[str]] = field(default_factory=dict)

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def _one_line(value: str) -> str:
    return " ".join(str(value or "").split())


def _text(value: str) -> str:
    return str(value or "").replace("\r\n", "\n").replace("\x00", "").strip()


def questions_from_text(value: Sequence[str] | str) -> list[str]:
    """Key questions as a list: one per line when typed in one box, blanks dropped."""
    lines = value.splitlines() if isinstance(value, str) else list(value)
    return [q for q in (_one_line(line) for line in lines) if q]


def _check_text(
    fields: DialogueFields, name: str, value: str, limit: int, *, multiline: bool
) -> None:
    if len(value) > limit:
        fields.error(
            name,
            _("Keep this under %(limit)s characters; it has %(length)s.")
            % {"limit": limit, "length": len(value)},
        )
        return
    try:
        (validate_multiline_text if multiline else validate_single_line_text)(value)
    except ValidationError as error:
        fields.errors.setdefault(name, []).extend(error.messages)


def number_taken(number: int, dialogue: Dialogue | None) -> str:
    """Why `number` cannot be this dialogue's (another dialogue has it), or ""."""
    taken = Dialogue.objects.filter(number=number)
    if dialogue is not None:
        taken = taken.exclude(pk=dialogue.pk)
    other = taken.first()
    if other is None:
        return ""
    return _("The %(name)s already exists (“%(title)s”). Choose another number.") % {
        "name": dialogue_name(number),
        "title": other.title,
    }


def clean_dialogue_fields(fields: DialogueFields, dialogue: Dialogue | None) -> dict[str, Any]:
    """The values to store, or ValidationError listing every problem at its field."""
    cleaned: dict[str, Any] = {}
    try:
        number = int(fields.number)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        fields.error("number", _("Give the dialogue's number: a whole number from 1."))
    elif number > NUMBER_MAX:
        fields.error(
            "number",
            _("A dialogue's number can be at most %(limit)s.") % {"limit": f"{NUMBER_MAX:,}"},
        )
    else:
        problem = number_taken(number, dialogue)
        if problem:
            fields.error("number", problem)
    cleaned["number"] = number

    title = _one_line(fields.title)
    if not title:
        fields.error("title", _("Give the dialogue a title."))
    _check_text(fields, "title", title, TITLE_MAX, multiline=False)
    cleaned["title"] = title

    summary = _text(fields.summary)
    if not summary:
        fields.error("summary", _("Say in a few sentences what the dialogue is about."))
    _check_text(fields, "summary", summary, SUMMARY_MAX, multiline=True)
    cleaned["summary"] = summary

    concept_note = _text(fields.concept_note)
    _check_text(fields, "concept_note", concept_note, TEXT_MAX, multiline=True)
    cleaned["concept_note"] = concept_note

    questions = questions_from_text(fields.key_questions)
    if len(questions) > MAX_QUESTIONS:
        fields.error(
            "key_questions",
            _("Keep to %(limit)s key questions at most; there are %(count)s.")
            % {"limit": MAX_QUESTIONS, "count": len(questions)},
        )
    for question in questions:
        _check_text(fields, "key_questions", question, QUESTION_MAX, multiline=False)
    cleaned["key_questions"] = questions

    languages = list(dict.fromkeys(code.strip().lower() for code in fields.languages))
    unknown = [code for code in languages if code not in SPOKEN_LANGUAGE_CODES]
    if unknown:
        fields.error(
            "languages",
            _("“%(code)s” is not a language code we know.") % {"code": unknown[0][:16]},
        )
    cleaned["languages"] = languages

    if not is_valid_zone(fields.time_zone or ""):
        fields.error(
            "time_zone",
            _("“%(zone)s” is not a time zone we know. Choose one from the list.")
            % {"zone": str(fields.time_zone or "")[:64]},
        )
    cleaned["time_zone"] = fields.time_zone

    if fields.opens_on is None:
        fields.error("opens_on", _("Give the first day of the dialogue."))
    if fields.closes_on is None:
        fields.error("closes_on", _("Give the last day of the dialogue."))
    for name in ("opens_on", "closes_on"):
        day = getattr(fields, name)
        if day is None:
            continue
        try:
            validate_plausible_day(day)
        except ValidationError as error:
            fields.errors.setdefault(name, []).extend(error.messages)
    if (
        fields.opens_on
        and fields.closes_on
        and not fields.errors.keys() & {"opens_on", "closes_on"}
    ):
        if fields.closes_on < fields.opens_on:
            fields.error("closes_on", _("The last day cannot come before the first day."))
        elif (fields.closes_on - fields.opens_on).days >= MAX_WINDOW_DAYS:
            fields.error(
                "closes_on",
                _("A dialogue can stay open for %(days)s days at most.")
                % {"days": MAX_WINDOW_DAYS},
            )
    cleaned["opens_on"], cleaned["closes_on"] = fields.opens_on, fields.closes_on

    if fields.errors:
        raise ValidationError(fields.errors)
    cleaned["opens_at"], cleaned["closes_at"] = day_window(
        fields.opens_on,  # type: ignore[arg-type]  # checked above
        fields.closes_on,  # type: ignore[arg-type]
        fields.time_zone,
    )
    return cleaned
