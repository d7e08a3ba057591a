"""The demo community's newsletter: two past issues, each in English, Spanish and French,
and a few notifications (mentions in the forums) for the members one signs in as.

The issues are written through the compose services, like a facilitator's, with their
sections pre-filled from the demo's dialogues, events, resources, trainings and threads
as they stood when each issue went out; they are then dated in the past and recorded as
sent to the members of the time (no mail is sent now). Loading twice changes nothing:
issues are found again by their English title, notifications by their dedupe keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.forums.models import Post
from tertulia.forums.services.post_notices import (
    forum_scope,
    post_params,
    post_snippet,
    post_source,
    post_url,
    thread_group,
)
from tertulia.newsletters.delivery import recipients
from tertulia.newsletters.drafts import EditionDraft, SectionDraft
from tertulia.newsletters.editions import edition_language
from tertulia.newsletters.models import (
    DeliveryStatus,
    Edition,
    Issue,
    IssueDelivery,
    IssueStatus,
)
from tertulia.newsletters.prefill import prefilled_sections
from tertulia.newsletters.services.compose import save_edition, start_issue
from tertulia.notifications.models import Kind
from tertulia.notifications.services import notify


@dataclass(frozen=True)
class DemoEdition:
    title: str
    introduction: str
    section_heading: str
    section_body: str


@dataclass(frozen=True)
class DemoIssue:
    days_ago: int
    editions: dict[str, DemoEdition]


ISSUES = (
    DemoIssue(
        days_ago=35,
        editions={
            "en": DemoEdition(
                title="Welcome to the Tertulia newsletter",
                introduction=(
                    "Dear members,\n\n"
                    "This is the first newsletter of our community of practice. Once a "
                    "month it brings you the **virtual dialogues** and events coming up, "
                    "the newest resources in the library and the trainings whose "
                    "applications close soon.\n\n"
                    "Tell us what you would like to read here: reply in the forums or "
                    "write to the facilitation team."
                ),
                section_heading="The forums are open",
                section_body=(
                    "Start with the *Welcome! Introduce yourself here* thread in the "
                    "General Discussion Forum: say who you are, where you work and what "
                    "you hope to learn. You can write in English, Spanish or French."
                ),
            ),
            "es": DemoEdition(
                title="Bienvenida al boletín de Tertulia",
                introduction=(
                    "Queridas y queridos integrantes:\n\n"
                    "Este es el primer boletín de nuestra comunidad de práctica. Cada mes "
                    "os traerá los próximos **diálogos virtuales** y eventos, los últimos "
                    "recursos de la biblioteca y las formaciones cuya inscripción cierra "
                    "pronto.\n\n"
                    "Contadnos qué os gustaría leer aquí: responded en los foros o "
                    "escribid al equipo de facilitación."
                ),
                section_heading="Los foros están abiertos",
                section_body=(
                    "Empezad por el hilo *Welcome! Introduce yourself here* del foro de "
                    "debate general: contad quiénes sois, dónde trabajáis y qué queréis "
                    "aprender. Podéis escribir en español, inglés o francés."
                ),
            ),
            "fr": DemoEdition(
                title="Bienvenue dans la lettre de Tertulia",
                introduction=(
                    "Chères et chers membres,\n\n"
                    "Voici la première lettre de notre communauté de pratique. Chaque mois, "
                    "elle vous présentera les **dialogues virtuels** et les événements à "
                    "venir, les nouvelles ressources de la bibliothèque et les formations "
                    "dont les inscriptions ferment bientôt.\n\n"
                    "Dites-nous ce que vous aimeriez y lire : répondez dans les forums ou "
                    "écrivez à l'équipe d'animation."
                ),
                section_heading="Les forums sont ouverts",
                section_body=(
                    "Commencez par le fil *Welcome! Introduce yourself here* du forum de "
                    "discussion générale : présentez-vous, dites où vous travaillez et ce "
                    "que vous voulez apprendre. Vous pouvez écrire en français, en anglais "
                    "ou en espagnol."
                ),
            ),
        },
    ),
    DemoIssue(
        days_ago=7,
        editions={
            "en": DemoEdition(
                title="Measuring change, icebreakers and radio training",
                introduction=(
                    "Hello everyone,\n\n"
                    "What a month! Begoña asked how to **measure the impact of a training "
                    "six months later**, and the answers, from WhatsApp check-ins to "
                    "follow-up visits, deserve a dialogue of their own. Sita showed us "
                    "how her team trains **by radio** when the monsoon closes the roads."
                ),
                section_heading="From the facilitation team",
                section_body=(
                    "We are preparing a virtual dialogue on evaluation. If you have a "
                    "simple follow-up tool that works, share it in the resource library "
                    "so that everyone can use it."
                ),
            ),
            "es": DemoEdition(
                title="Medir el cambio, dinámicas de apertura y formación por radio",
                introduction=(
                    "Hola a todas y todos:\n\n"
                    "¡Qué mes! Begoña preguntó cómo **medir el impacto de una formación "
                    "seis meses después**, y las respuestas, de los mensajes por WhatsApp "
                    "a las visitas de seguimiento, merecen un diálogo propio. Sita nos "
                    "enseñó cómo su equipo forma **por radio** cuando el monzón corta los "
                    "caminos."
                ),
                section_heading="Del equipo de facilitación",
                section_body=(
                    "Estamos preparando un diálogo virtual sobre evaluación. Si tenéis una "
                    "herramienta de seguimiento sencilla que funcione, compartidla en la "
                    "biblioteca de recursos para que todo el mundo pueda usarla."
                ),
            ),
            "fr": DemoEdition(
                title="Mesurer le changement, brise-glaces et formation à la radio",
                introduction=(
                    "Bonjour à toutes et à tous,\n\n"
                    "Quel mois ! Begoña a demandé comment **mesurer l'impact d'une "
                    "formation six mois après**, et les réponses, des messages WhatsApp "
                    "aux visites de suivi, méritent un dialogue à elles seules. Sita nous a "
                    "montré comment son équipe forme **par la radio** quand la mousson "
                    "coupe les routes."
                ),
                section_heading="De l'équipe d'animation",
                section_body=(
                    "Nous préparons un dialogue virtuel sur l'évaluation. Si vous avez un "
                    "outil de suivi simple qui marche, partagez-le dans la bibliothèque de "
                    "ressources pour que chacun puisse s'en servir."
                ),
            ),
        },
    ),
)


def _draft(language: str, spec: DemoIssue, edition: DemoEdition) -> EditionDraft:
    now = timezone.now()
    sent_at = now - timedelta(days=spec.days_ago)
    own = SectionDraft(heading=edition.section_heading, body=edition.section_body)
    found = prefilled_sections(language, sent_at - timedelta(days=30), now=sent_at)
    return EditionDraft(
        language=language,
        title=edition.title,
        introduction=edition.introduction,
        sections=[own, *found],
    )


def _record_as_sent(issue: Issue, spec: DemoIssue) -> None:
    sent_at = timezone.now() - timedelta(days=spec.days_ago)
    languages = list(spec.editions)
    readers = recipients().values_list("pk", "interface_language")
    IssueDelivery.objects.bulk_create(
        IssueDelivery(
            issue=issue,
            member_id=member_id,
            status=DeliveryStatus.SENT,
            language=edition_language(language, languages) or "en",
            attempts=1,
            sent_at=sent_at,
        )
        for member_id, language in readers
    )
    Issue.objects.filter(pk=issue.pk).update(
        status=IssueStatus.SENT,
        covers_since=sent_at - timedelta(days=30),
        created_at=sent_at - timedelta(days=2),
        updated_at=sent_at,
        send_requested_by=issue.created_by,
        send_requested_at=sent_at,
        recipients_listed_at=sent_at,
        recipient_count=IssueDelivery.objects.filter(issue=issue).count(),
        sent_at=sent_at,
    )


def create_demo_newsletters(facilitator: Member) -> int:
    """The two past issues; how many were new."""
    created = 0
    for spec in ISSUES:
        english = spec.editions["en"]
        if Edition.objects.filter(language="en", title=english.title).exists():
            continue
        with transaction.atomic():
            issue = start_issue(facilitator, _draft("en", spec, english))
            for language, edition in spec.editions.items():
                if language != "en":
                    save_edition(facilitator, issue.pk, _draft(language, spec, edition))
            _record_as_sent(issue, spec)
        created += 1
    return created


# (thread title, author of the post that mentions, e-mail of the member mentioned)
MENTIONS = (
    (
        "Icebreakers that work across cultures",
        "fiona.macleod@demo.tertulia.example",
        "chiamaka.eze@demo.tertulia.example",
    ),
    (
        "¿Cómo medir el impacto de una formación seis meses después?",
        "valentina.araya@demo.tertulia.example",
        "facilitator@demo.tertulia.example",
    ),
)


def create_demo_notifications() -> int:
    """Mentions for the members one signs in as (the forums' replies already notify);
    how many notifications exist for them."""
    made = 0
    for thread_title, author_email, mentioned_email in MENTIONS:
        post = (
            Post.objects.select_related("thread__forum", "author")
            .filter(thread__title=thread_title, author__email=author_email)
            .order_by("position")
            .first()
        )
        mentioned = Member.objects.filter(email=mentioned_email).first()
        if post is None or mentioned is None:
            continue
        notification = notify(
            mentioned,
            Kind.MENTION,
            actor=post.author,
            url=post_url(post.pk),
            params=post_params(post.thread),
            snippet=post_snippet(post),
            group=thread_group(post.thread_id),
            scope=forum_scope(post.thread.forum_id),
            source=post_source(post.pk),
            dedupe_key=f"mention:{post.pk}",
        )
        made += notification is not None
    return made
