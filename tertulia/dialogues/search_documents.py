"""Virtual dialogues in the search index (found by tertulia.search at start-up).

A dialogue is found by its title, topic summary, key questions, concept note and, once
published, the summary of the discussion; everyone may find it. It is dated by the
opening of its window and stemmed in its first language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from tertulia.dialogues.models import Dialogue
from tertulia.search.registry import (
    EVERYONE,
    Document,
    follow_model,
    html_to_text,
    in_batches,
    register,
)

DIALOGUE = "dialogue"


def dialogue_url(dialogue: Dialogue) -> str:
    try:
        return reverse("dialogue-detail", kwargs={"number": dialogue.number, "slug": dialogue.slug})
    except NoReverseMatch:  # a slug the URL pattern refuses: the short link redirects
        return reverse("dialogue-short", kwargs={"number": dialogue.number})


def _text(dialogue: Dialogue) -> str:
    questions = [str(q) for q in dialogue.key_questions] if dialogue.key_questions else []
    parts = [
        dialogue.summary,
        *questions,
        html_to_text(dialogue.concept_note_html),
        html_to_text(dialogue.summary_html) if dialogue.summary_published_at else "",
    ]
    return "\n".join(part for part in parts if part)


class DialogueSource:
    kind = DIALOGUE
    label = _("Virtual dialogues")

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        dialogue: Dialogue
        for dialogue in in_batches(Dialogue.objects.all(), ids):
            languages = dialogue.languages if isinstance(dialogue.languages, list) else []
            yield Document(
                kind=DIALOGUE,
                object_id=dialogue.pk,
                title=dialogue.title,
                body=_text(dialogue),
                language=str(languages[0]) if languages else "",
                url=dialogue_url(dialogue),
                date=dialogue.opens_at,
                access=EVERYONE,
            )

    def count(self) -> int:
        return Dialogue.objects.count()


register(DialogueSource())
follow_model(Dialogue, DIALOGUE)
