"""A few private conversations for the demo community, in English, Spanish and French.

Idempotent: each message carries a fixed submission key, so running the demo twice
finds the conversations it already made instead of writing them again.
"""

from __future__ import annotations

from collections.abc import Sequence

from tertulia.accounts.models import Member
from tertulia.messaging.models import Conversation
from tertulia.messaging.queries import find_seat
from tertulia.messaging.services.conversations import reply, start_conversation
from tertulia.messaging.services.participation import mark_read

# (subject, [(speaker index, text)]) — index 0 starts; indexes count in `people` below.
_CONVERSATIONS: tuple[tuple[str, tuple[tuple[int, str], ...]], ...] = (
    (
        "Slides from the gender budgeting webinar",
        (
            (
                0,
                "Hi! Could you share the slides from Thursday's webinar? "
                "I would like to use the **budget tracking** exercise with my group.",
            ),
            (1, "Of course. I will attach them tonight; the exercise is on slides 12 to 15."),
            (0, "Thank you, that is very kind."),
        ),
    ),
    (
        "Taller en Bogotá: ¿compartimos materiales?",
        (
            (
                1,
                "Hola, vi tu mensaje en el foro sobre el taller de masculinidades. "
                "¿Te interesaría compartir la guía de facilitación?",
            ),
            (2, "¡Claro que sí! La guía está en español y en portugués. Te la envío mañana."),
        ),
    ),
    (
        "Atelier de formation à Dakar",
        (
            (
                2,
                "Bonjour, j'organise un atelier sur l'égalité de genre en milieu rural en "
                "mars. Auriez-vous des études de cas en français ?",
            ),
            (
                0,
                "Bonjour ! Oui, j'en ai trois, dont une du Burkina Faso. "
                "Je vous les envoie cette semaine.",
            ),
        ),
    ),
)


def create_demo_conversations(
    members: Sequence[Member], facilitators: Sequence[Member]
) -> list[Conversation]:
    """Three conversations among the first members and a note from a facilitator."""
    if len(members) < 3:
        return []
    people = list(members[:3])
    made: list[Conversation] = []
    for number, (subject, lines) in enumerate(_CONVERSATIONS, start=1):
        first_speaker, first_text = lines[0]
        author = people[first_speaker]
        others = [person for person in people if person.pk != author.pk][:2]
        conversation = start_conversation(
            author,
            recipients=others,
            subject=subject,
            body=first_text,
            submission_key=f"demo-conversation-{number}-0",
        )
        for index, (speaker, text) in enumerate(lines[1:], start=1):
            reply(
                people[speaker],
                conversation,
                body=text,
                submission_key=f"demo-conversation-{number}-{index}",
            )
        made.append(conversation)
    if facilitators:
        note = start_conversation(
            facilitators[0],
            recipients=list(members[:10]),
            subject="Welcome to the community / Bienvenida / Bienvenue",
            body=(
                "Welcome! Introduce yourself in the General Discussion Forum.\n\n"
                "¡Bienvenida! Preséntate en el foro de discusión general.\n\n"
                "Bienvenue ! Présentez-vous dans le forum de discussion générale."
            ),
            submission_key="demo-conversation-welcome",
        )
        made.append(note)
    # The first member has read the first conversation: the inbox shows both states.
    seat = find_seat(people[0], made[0].pk)
    if seat is not None:
        mark_read(people[0], seat)
    return made
