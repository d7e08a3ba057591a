"""The demo community's forums: a General Discussion Forum in English, Spanish and French,
announcements from the facilitators, a question-and-answer forum, and a thread with a photo.

Everything goes through the forum services, as a member's posts would; loading twice
changes nothing (threads are found again by their title). The dates are then spread
over the past weeks, so the lists look like a living community.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw

from tertulia.accounts.models import Member
from tertulia.core.markdown import render_markdown
from tertulia.forums.models import Access, Forum, ForumKind, Post, Thread
from tertulia.forums.services import attachments, posts, threads
from tertulia.forums.services.moderation_threads import pin_thread
from tertulia.forums.text import quote_markdown


def _email(local: str) -> str:
    return f"{local}@demo.tertulia.example"


FACILITATOR = _email("facilitator")


@dataclass(frozen=True)
class DemoForum:
    slug: str
    title: str
    description: str
    position: int
    languages: tuple[str, ...] = ("en", "es", "fr")
    kind: str = ForumKind.STANDARD
    write_access: str = Access.MEMBERS


@dataclass(frozen=True)
class DemoThread:
    forum: str  # slug
    author: str  # email
    title: str
    body: str
    days_ago: int
    replies: tuple[tuple[str, str], ...] = ()  # (author email, body)
    language: str | None = None
    tags: tuple[str, ...] = ()
    pinned: bool = False
    photo: bool = False
    quote_first_reply: bool = False


FORUMS = (
    DemoForum(
        slug="announcements",
        title="Announcements",
        description="News from the community team: new dialogues, events and features.",
        position=0,
        write_access=Access.FACILITATORS,
    ),
    DemoForum(
        slug="general-discussion",
        title="General Discussion Forum",
        description=(
            "Ask, share and discuss anything about training for gender equality, "
            "in English, Spanish or French."
        ),
        position=1,
    ),
    DemoForum(
        slug="ask-the-community",
        title="Ask the community",
        description="Questions and answers: post your own answer to see the others'.",
        position=2,
        kind=ForumKind.QUESTION_AND_ANSWER,
    ),
)

THREADS = (
    DemoThread(
        forum="general-discussion",
        author=FACILITATOR,
        title="Welcome! Introduce yourself here",
        body=(
            "Welcome to the **General Discussion Forum**. Tell us who you are, where you "
            "work and what you would like to learn from the community.\n\n"
            "Bienvenidas y bienvenidos: podéis escribir en español. "
            "Bienvenue : vous pouvez écrire en français."
        ),
        days_ago=30,
        pinned=True,
        replies=(
            (
                _email("chiamaka.eze"),
                "Hello from Enugu! I design community dialogues on violence prevention "
                "and I am here to learn how others evaluate them.",
            ),
            (
                _email("xochitl.ramirez"),
                "¡Hola desde Oaxaca! Trabajo con mujeres indígenas en talleres de "
                "liderazgo comunitario y me encantaría intercambiar materiales.",
            ),
            (
                _email("emilie.tremblay"),
                "Bonjour de Montréal ! Je forme des intervenantes en milieu scolaire et "
                "je cherche des idées d'activités sur le consentement.",
            ),
        ),
    ),
    DemoThread(
        forum="general-discussion",
        author=_email("chiamaka.eze"),
        title="Icebreakers that work across cultures",
        body=(
            "Which opening activities have worked for you with mixed groups? Ours: each "
            "person names a woman who taught them something, and what it was. It sets a "
            "warm tone, but it can take a long time with forty people."
        ),
        days_ago=12,
        tags=("facilitation", "workshops"),
        quote_first_reply=True,
        replies=(
            (
                _email("thandiwe.mokoena"),
                "With young men we start with a football warm-up and a question on the "
                "ball: *what does a good teammate do?* It opens the talk on respect.",
            ),
            (
                _email("fiona.macleod"),
                "Lovely idea. For forty people, split them into groups of five first and "
                "ask each group to share one story with the room.",
            ),
        ),
    ),
    DemoThread(
        forum="general-discussion",
        author=_email("begona.etxeberria"),
        title="¿Cómo medir el impacto de una formación seis meses después?",
        body=(
            "En los ayuntamientos con los que trabajo siempre hacemos el cuestionario "
            "final, pero nadie vuelve a preguntar seis meses después. ¿Alguien tiene una "
            "herramienta sencilla para medir cambios en la práctica?"
        ),
        days_ago=8,
        tags=("evaluación",),
        replies=(
            (
                _email("valentina.araya"),
                "Nosotras enviamos tres preguntas por WhatsApp a los tres y a los seis meses: "
                "qué cambiaste, qué te lo impidió y qué necesitas. Responde más gente que "
                "con un formulario largo.",
            ),
            (
                FACILITATOR,
                "Muy buena pregunta para un próximo diálogo virtual. "
                "¿Os gustaría que invitáramos a alguien especializado en evaluación?",
            ),
        ),
    ),
    DemoThread(
        forum="general-discussion",
        author=_email("prudence.ngoma"),
        title="Des outils simples pour parler des violences avec les jeunes",
        body=(
            "Je cherche des outils simples et adaptés aux quartiers pour parler des "
            "violences avec des jeunes de quinze à vingt ans. Avez-vous des exemples "
            "d'activités qui ont bien marché ?"
        ),
        days_ago=5,
        replies=(
            (
                _email("aissatou.fall"),
                "Le théâtre-forum marche très bien chez nous : une courte scène, puis le "
                "public propose d'autres fins. Les jeunes adorent monter sur scène.",
            ),
            (
                _email("helene.marchand"),
                "Je peux partager une grille d'animation que nous utilisons à Lyon, avec "
                "des cartes situations. Je la dépose dans la bibliothèque de ressources.",
            ),
        ),
    ),
    DemoThread(
        forum="general-discussion",
        author=_email("sita.gurung"),
        title="Our radio training, in pictures",
        body=(
            "When the roads close in the monsoon we run the training by radio. Here is "
            "our little studio set-up: a phone, a mixer and a lot of patience."
        ),
        days_ago=3,
        photo=True,
        replies=(
            (
                _email("lourdes.dizon"),
                "We do the same after typhoons! How do participants ask questions during "
                "the broadcast?",
            ),
        ),
    ),
    DemoThread(
        forum="announcements",
        author=FACILITATOR,
        title="The discussion forums are open",
        body=(
            "You can now start threads, reply, quote each other and follow the "
            "discussions you care about. Please read the welcome thread in the "
            "General Discussion Forum first."
        ),
        days_ago=31,
    ),
    DemoThread(
        forum="ask-the-community",
        author=_email("hiwot.tesfaye"),
        title="What is the one indicator you would never drop?",
        body=(
            "If you could keep only one indicator to evaluate a gender training, which "
            "one would it be, and why? Post your answer to see the others."
        ),
        days_ago=2,
        replies=(
            (
                _email("giulia.ferraro"),
                "Whether participants changed one concrete thing in their work within "
                "three months. Everything else is a proxy.",
            ),
        ),
    ),
)


def _photo(caption: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (640, 400), (40, 90, 140))
    draw = ImageDraw.Draw(image)
    draw.rectangle((200, 120, 440, 300), fill=(230, 230, 230))
    draw.ellipse((290, 160, 350, 220), fill=(200, 60, 60))
    draw.text((20, 20), caption, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("radio-studio.png", out.getvalue(), content_type="image/png")


def _forum(spec: DemoForum) -> Forum:
    forum, _created = Forum.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "title": spec.title,
            "description": spec.description,
            "description_html": render_markdown(spec.description),
            "position": spec.position,
            "languages": list(spec.languages),
            "kind": spec.kind,
            "write_access": spec.write_access,
        },
    )
    return forum


def _spread_dates(thread: Thread, days_ago: int) -> None:
    """Move a fresh thread into the past: the first post then, each reply hours later."""
    start = timezone.now() - timedelta(days=days_ago)
    for post in Post.objects.filter(thread=thread).only("pk", "position"):
        Post.objects.filter(pk=post.pk).update(
            created_at=start + timedelta(hours=5 * (post.position - 1))
        )
    last = start + timedelta(hours=5 * (thread.post_count - 1))
    Thread.objects.filter(pk=thread.pk).update(created_at=start, last_activity_at=last)


def _add_thread(spec: DemoThread, forum: Forum, members: dict[str, Member]) -> Thread:
    author = members[spec.author]
    photos = [attachments.validate_upload(_photo("Radio studio"))] if spec.photo else []
    thread = threads.start_thread(
        author,
        forum,
        title=spec.title,
        body=spec.body,
        language=spec.language,
        tags=spec.tags,
        uploads=photos,
        alt_texts=["A phone and a small mixer on a table, ready for a radio training."],
    )
    first = Post.objects.get(thread=thread, position=1)
    for index, (email, body) in enumerate(spec.replies):
        reply_to = first if index == 0 else None
        if index == 1 and spec.quote_first_reply:
            previous = Post.objects.get(thread=thread, position=2)
            permalink = reverse("post-permalink", kwargs={"post_id": previous.pk})
            quote = quote_markdown(
                author_name=previous.author.display_name, permalink=permalink, body=previous.body
            )
            body = f"{quote}{body}"
            reply_to = previous
        posts.post_reply(members[email], thread, body=body, reply_to=reply_to)
    if spec.pinned:
        pin_thread(members[FACILITATOR], thread, reason="Welcome thread")
    thread.refresh_from_db()
    _spread_dates(thread, spec.days_ago)
    return thread


def load_demo_forums(stdout: OutputWrapper) -> None:
    """Create the demo forums and their threads once; a second run adds nothing."""
    members = {m.email: m for m in Member.objects.filter(email__endswith="@demo.tertulia.example")}
    created = 0
    with transaction.atomic():
        forums = {spec.slug: _forum(spec) for spec in FORUMS}
        for spec in THREADS:
            forum = forums[spec.forum]
            if Thread.objects.filter(forum=forum, title=spec.title).exists():
                continue
            _add_thread(spec, forum, members)
            created += 1
        for forum in forums.values():
            _recount_last_post(forum)
    stdout.write(f"{len(FORUMS)} demo forums, {created} new threads.")


def _recount_last_post(forum: Forum) -> None:
    """After the dates moved, the forum's last post is the newest thread's last post."""
    newest = (
        Thread.objects.filter(forum=forum, is_hidden=False, last_post__isnull=False)
        .order_by("-last_activity_at")
        .values_list("last_post_id", flat=True)
        .first()
    )
    Forum.objects.filter(pk=forum.pk).update(last_post_id=newest)
