"""The demo community's trainings database: courses in English, Spanish and French.

Deadlines and dates are set relative to today, so some trainings are open for
applications (closing in a few days or in weeks), some closed but not yet over, some in
the archive. Facilitators publish most directly; members suggest a few, which a
facilitator publishes, and two suggestions wait in the queue. Everything goes through
the services; loading twice changes nothing (trainings are found again by title).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from tertulia.accounts.models import Member
from tertulia.core.models import Theme
from tertulia.forums.models import Forum, Thread
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.threads import start_thread
from tertulia.trainings.models import Training, TrainingFormat
from tertulia.trainings.services.details import TrainingDetails
from tertulia.trainings.services.discussion import link_thread
from tertulia.trainings.services.review import publish_training
from tertulia.trainings.services.trainings import suggest_training

# The community's themes (the library files resources under the same slugs and names).
THEMES = (
    ("awareness-raising", "Awareness-raising", "Sensibilización", "Sensibilisation"),
    ("intersectionality", "Intersectionality", "Interseccionalidad", "Intersectionnalité"),
    ("care-economy", "Care economy", "Economía del cuidado", "Économie des soins"),
    (
        "evaluation-of-training",
        "Evaluation of training",
        "Evaluación de la capacitación",
        "Évaluation de la formation",
    ),
    ("feminist-pedagogy", "Feminist pedagogy", "Pedagogía feminista", "Pédagogie féministe"),
)
F = TrainingFormat
DISCUSSION_THREAD = "Discuss upcoming trainings"
DISCUSSION_THREAD_TITLE = (
    "Discuss upcoming trainings: e.g. ILO's Participatory Gender Audit course, "
    "Genre en Action's Call for Universities"
)
DISCUSSION_THREAD_BODY = (
    "Hello everyone,\n\n"
    "I thought we should start a thread to discuss interesting upcoming training "
    "opportunities. Please feel free to share information and feedback on courses here. "
    "A list of exciting training opportunities is available in our [Trainings database]({url}) "
    "- for example, the ILO's Participatory Gender Audit course is coming up: participants "
    "are asked to sign up a couple of weeks before it starts.\n\n"
    "Do you have any thoughts on these courses or any new ones you'd like us to add to the "
    "Trainings Database? Let me know!"
)


@dataclass(frozen=True)
class DemoTraining:
    title: str
    provider: str
    format: str
    zone: str
    starts_in: int  # days from today
    weeks: int
    deadline_before_start: int | None  # days; None: apply until it ends
    languages: tuple[str, ...]
    description: str
    language: str = "en"
    location: str = ""
    cost: tuple[str, str] | None = None  # (amount, currency); None: free
    certificate: bool = False
    audience: str = ""
    themes: tuple[str, ...] = ()
    suggested: bool = False  # by a member (then published), else by a facilitator
    pending: bool = False  # a member's suggestion still waiting for review
    url: str = "https://example.org/trainings"


TRAININGS = (
    DemoTraining(
        "Participatory Gender Audit", "ILO International Training Centre", F.BLENDED,
        "Europe/Rome", 35, 6, 17, ("en", "fr", "es"),
        "A six-week course on the ILO's **participatory gender audit** method: how to plan "
        "an audit, run the workshops with staff, and write recommendations that stick.",
        location="Turin, Italy", cost=("2450", "EUR"), certificate=True,
        audience="Gender focal points and auditors", themes=("evaluation-of-training",),
    ),
    DemoTraining(
        "I Know Gender: An Introduction to Gender Equality for UN Staff",
        "UN Women Training Centre", F.SELF_PACED, "America/Santo_Domingo", -200, 52, None,
        ("en", "es", "fr"),
        "Self-paced modules on the basic concepts of gender equality, the international "
        "framework and gender mainstreaming. Take them at your own pace.",
        certificate=True, audience="Everyone working in the UN system",
        themes=("awareness-raising",),
    ),
    DemoTraining(
        "How to Manage Gender-responsive Evaluation", "UN Women Training Centre",
        F.FACILITATED_ONLINE, "America/Santo_Domingo", 10, 5, 15, ("en",),
        "Plan, manage and use evaluations that look at gender equality and human rights, "
        "with weekly live sessions and a final assignment.",
        certificate=True, audience="Evaluation managers", themes=("evaluation-of-training",),
    ),
    DemoTraining(
        "Gender in Humanitarian Action: Different Needs, Equal Opportunities",
        "Inter-Agency Standing Committee", F.SELF_PACED, "Europe/Zurich", -120, 12, 0,
        ("en", "fr"),
        "Why gender matters in emergencies, and how to meet the different needs of women, "
        "girls, boys and men in every sector of a humanitarian response.",
        certificate=True, themes=("awareness-raising",),
    ),
    DemoTraining(
        "SSR: Rights and Needs of Women in Border Management", "DCAF Geneva Centre",
        F.FACILITATED_ONLINE, "Europe/Zurich", 20, 4, 17, ("en",),
        "Security sector reform with a gender lens: a short facilitated course for border "
        "officials and trainers.",
        audience="Border officials, trainers", suggested=True,
    ),
    DemoTraining(
        "Escuela de formación feminista para la capacitación de género",
        "Colectiva Feminista Quito", F.FACE_TO_FACE, "America/Guayaquil", 40, 8, 28, ("es",),
        "Una escuela de **educación popular feminista** para quienes dan capacitaciones de "
        "género: metodologías participativas, empoderamiento colectivo y sororidad.",
        language="es", location="Quito, Ecuador", cost=("120", "USD"),
        audience="Capacitadoras y capacitadores de género",
        themes=("feminist-pedagogy",), suggested=True,
    ),
    DemoTraining(
        "Economía del cuidado: curso virtual", "CEPAL y ONU Mujeres",
        F.FACILITATED_ONLINE, "America/Santiago", 45, 6, 20, ("es",),
        "Cómo medir y valorar el trabajo de cuidados no remunerado, y qué políticas públicas "
        "lo redistribuyen.",
        language="es", certificate=True, themes=("care-economy",),
    ),
    DemoTraining(
        "Presupuestos con enfoque de género", "Centro de Estudios de Género INTEC",
        F.BLENDED, "America/Santo_Domingo", 60, 10, 30, ("es",),
        "Análisis de presupuestos públicos con enfoque de género: sesiones en línea y dos "
        "talleres presenciales en Santo Domingo.",
        language="es", location="Santo Domingo, República Dominicana",
        cost=("18000", "DOP"), certificate=True,
    ),
    DemoTraining(
        "Genre et développement : formation des formatrices", "Genre en Action",
        F.FACE_TO_FACE, "Africa/Ouagadougou", 55, 2, 15, ("fr",),
        "Deux semaines pour concevoir et animer des formations sur le genre et le "
        "développement, avec des outils adaptés au contexte sahélien.",
        language="fr", location="Ouagadougou, Burkina Faso", cost=("75000", "XOF"),
        audience="Formatrices et formateurs", themes=("feminist-pedagogy",), suggested=True,
    ),
    DemoTraining(
        "Appel aux universités : intégrer le genre dans les cursus", "Genre en Action",
        F.BLENDED, "Europe/Paris", 20, 12, 30, ("fr",),
        "Un programme pour les équipes enseignantes qui veulent intégrer le genre dans "
        "leurs cours : séminaires à Bordeaux et accompagnement en ligne.",
        language="fr", location="Bordeaux, France", cost=("480", "EUR"),
    ),
    DemoTraining(
        "Pédagogies féministes en ligne", "Université populaire des femmes",
        F.SELF_PACED, "Europe/Paris", -90, 6, 14, ("fr",),
        "Ce que les pédagogies féministes apportent à la formation en ligne : modules "
        "courts, lectures et exercices.",
        language="fr", themes=("feminist-pedagogy",),
    ),
    DemoTraining(
        "Intersectionality in Training for Gender Equality", "Gender at Work",
        F.FACILITATED_ONLINE, "America/Toronto", 90, 8, 30, ("en", "es"),
        "What intersectionality means for training, why it matters, and how to build it "
        "into the design of a programme.",
        cost=("150", "GBP"), themes=("intersectionality",),
    ),
    DemoTraining(
        "Engaging Men and Boys in Gender Equality", "Promundo", F.FACE_TO_FACE,
        "America/New_York", 21, 1, 14, ("en",),
        "A one-week workshop on programmes that engage men and boys as allies, with tools "
        "to take home.",
        location="Washington, D.C., United States", cost=("600", "USD"), certificate=True,
    ),
    DemoTraining(
        "Gender-responsive Budgeting in Practice", "UN Women Training Centre", F.BLENDED,
        "America/Santo_Domingo", -60, 8, 10, ("en", "es"),
        "Budget analysis from a gender perspective, from the national budget to a "
        "programme's own.",
        location="Santo Domingo, Dominican Republic",
    ),
    DemoTraining(
        "Gender Mainstreaming in the Project Cycle", "SAMYAK Pune", F.FACE_TO_FACE,
        "Asia/Kolkata", 30, 1, 10, ("en", "hi"),
        "Three days on gender analysis at every stage of a project, with case studies from "
        "Maharashtra.",
        location="Pune, India", cost=("8500", "INR"), certificate=True,
    ),
    DemoTraining(
        "Decolonising Gender Training", "Pacific Women's Network", F.FACILITATED_ONLINE,
        "Pacific/Auckland", 14, 4, 4, ("en",),
        "Four weeks of conversations on whose knowledge shapes gender training, held at "
        "times that suit the Pacific.",
        themes=("intersectionality", "feminist-pedagogy"), suggested=True,
    ),
    DemoTraining(
        "Feminist Leadership for Trainers", "Just Associates (JASS)", F.FACILITATED_ONLINE,
        "Africa/Johannesburg", 70, 6, 21, ("en",),
        "An online cohort on power, leadership and facilitation for feminist trainers.",
        pending=True,
    ),
    DemoTraining(
        "Taller de masculinidades", "Colectivo Masculinidades Diversas", F.FACE_TO_FACE,
        "America/Bogota", 50, 1, 20, ("es",),
        "Un taller de tres días sobre masculinidades y prevención de la violencia.",
        language="es", location="Bogotá, Colombia", cost=("250000", "COP"), pending=True,
    ),
)  # fmt: skip


def _themes() -> dict[str, Theme]:
    themes = {}
    for slug, english, spanish, french in THEMES:
        theme, _created = Theme.objects.get_or_create(
            slug=slug, defaults={"name_en": english, "name_es": spanish, "name_fr": french}
        )
        themes[slug] = theme
    return themes


def _details(spec: DemoTraining, today: date, themes: dict[str, Theme]) -> TrainingDetails:
    starts_on = today + timedelta(days=spec.starts_in)
    ends_on = starts_on + timedelta(weeks=spec.weeks, days=-1)
    deadline = None
    if spec.deadline_before_start is not None:
        deadline = min(starts_on - timedelta(days=spec.deadline_before_start), ends_on)
    return TrainingDetails(
        title=spec.title,
        provider=spec.provider,
        format=spec.format,
        time_zone=spec.zone,
        starts_on=starts_on,
        ends_on=ends_on,
        deadline_on=deadline,
        description=spec.description,
        language=spec.language,
        location=spec.location,
        languages=spec.languages,
        is_free=spec.cost is None,
        cost_amount=Decimal(spec.cost[0]) if spec.cost else None,
        currency=spec.cost[1] if spec.cost else "",
        has_certificate=spec.certificate,
        url=spec.url,
        audience=spec.audience,
        themes=[themes[slug] for slug in spec.themes],
    )


DISCUSSION_REPLY = (
    "Me inscribí en el curso de seis semanas el año pasado: muy recomendable, pero la "
    "inscripción cierra semanas antes del inicio. ¡No lo dejen para el último día!"
)


def _link_a_discussion(
    facilitator: Member, training: Training, members: Sequence[Member] = ()
) -> None:
    """The seeds' "Discuss upcoming trainings" thread, started in the general forum if it
    is not there yet; nothing without forums."""
    thread = Thread.objects.filter(title__startswith=DISCUSSION_THREAD).first()
    if thread is None:
        forums = Forum.objects.order_by("position", "pk")
        forum = forums.filter(title__icontains="general").first() or forums.first()
        if forum is None:
            return
        url = reverse("training-list")
        thread = start_thread(
            facilitator,
            forum,
            title=DISCUSSION_THREAD_TITLE,
            body=DISCUSSION_THREAD_BODY.format(url=url),
            language="en",
        )
        if members:
            post_reply(members[0], thread, body=DISCUSSION_REPLY)
    link_thread(facilitator, training, thread)


def create_demo_trainings(
    facilitators: Sequence[Member], members: Sequence[Member]
) -> list[Training]:
    """At least 15 trainings, deadlines on both sides of today; two suggestions waiting."""
    if not facilitators:
        return []  # someone must publish them
    facilitator = facilitators[0]
    suggesters = list(members) or [facilitator]
    themes = _themes()
    today = timezone.localdate()
    made: list[Training] = []
    existing = set(Training.objects.values_list("title", flat=True))
    for number, spec in enumerate(TRAININGS):
        if spec.title in existing:
            continue
        details = _details(spec, today, themes)
        if spec.suggested or spec.pending:
            member = suggesters[number % len(suggesters)]
            training = suggest_training(member, details)
            if not spec.pending:
                publish_training(facilitator, training)
        else:
            training = suggest_training(facilitator, details, publish=True)
        made.append(training)
    first = Training.objects.filter(title=TRAININGS[0].title, thread__isnull=True).first()
    if first is not None:
        _link_a_discussion(facilitator, first, members)
    return made
