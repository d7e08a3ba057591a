"""What the demo dialogues say: three dialogues in the spirit of the seed community's
numbered virtual dialogues, with discussions in English, Spanish and French.

People and organisations are invented; members are the demo community's (accounts.demo).
"""

from __future__ import annotations

from dataclasses import dataclass


def email(local: str) -> str:
    return f"{local}@demo.tertulia.example"


FACILITATOR = email("facilitator")


@dataclass(frozen=True)
class DemoThread:
    author: str  # email
    title: str
    body: str
    language: str
    replies: tuple[tuple[str, str], ...] = ()  # (author email, body)


@dataclass(frozen=True)
class DemoExpert:
    name: str
    organisation: str
    bio: str


PAST_NUMBER = 10
PAST_TITLE = "Understanding change through training for gender equality"
PAST_SUMMARY = (
    "What kinds of change can training for gender equality achieve? What has it achieved "
    "so far, and how can we assess that change?"
)
PAST_CONCEPT_NOTE = """\
## Why this dialogue

Training for gender equality is meant to change something: what people know, what they
do at work, and sometimes the institutions they work in. We rarely ask afterwards what
actually changed, for whom, and how we would know.

## How it works

For three weeks the forum below is open to every member, in English, Spanish or French.
In the middle of the dialogue, three guest experts discuss the key questions in a
one-hour live webinar; send your questions for them in advance.

## What we will do with it

The facilitators will write a summary of the discussion and publish it here, with the
recording of the webinar.
"""
PAST_QUESTIONS = (
    "What kinds of change can training for gender equality achieve?",
    "What kinds of change has it achieved so far in your work?",
    "How can we assess or evaluate this change, months after a training?",
)
PAST_EXPERTS = (
    DemoExpert(
        "Amara Okafor-Mensah",
        "Centre for Feminist Evaluation",
        "Evaluator of adult learning programmes in West Africa for fifteen years.",
    ),
    DemoExpert(
        "Mariela Quispe Huamán",
        "Red Andina de Educación Popular",
        "Educadora popular; acompaña procesos de formación con organizaciones de mujeres.",
    ),
    DemoExpert(
        "Sophie Lambert-Diallo",
        "Institut Genre et Formation",
        "Formatrice et chercheuse ; travaille sur les effets des formations à long terme.",
    ),
)
PAST_SUMMARY_TEXT = """\
Over three weeks, members from **every continent** discussed what training for gender
equality changes.

- **Change is slow and collective.** Several members described changes that only showed
  a year later, in teams rather than in individuals.
- **Measure practice, not satisfaction.** End-of-course questionnaires say little;
  three short questions sent three and six months later say more.
- **Participants define change too.** In popular education, the group decides at the
  start what change it wants, and reviews it together at the end.

The recording of the webinar with our three guest experts is below.
"""
PAST_THREADS = (
    DemoThread(
        author=email("chiamaka.eze"),
        title="What changed after your last training?",
        language="en",
        body=(
            "Let's start concretely: think of the last training you gave. What changed "
            "afterwards, and how did you find out? For us in Enugu it was small: market "
            "women started to speak first in the meetings with the local council."
        ),
        replies=(
            (
                email("wanjiru.kamau"),
                "County budget officers now ask for sex-disaggregated data before they sign "
                "a plan. Nobody asked for it before our course, so that is how we know.",
            ),
            (
                email("thandiwe.mokoena"),
                "With young men the change shows at home first. We ask their sisters and "
                "mothers, with their permission, three months after the workshop.",
            ),
            (
                FACILITATOR,
                "Thank you both. Notice that in each case the evidence came from *outside* "
                "the training room. Let's keep that question open for the webinar.",
            ),
        ),
    ),
    DemoThread(
        author=email("valentina.araya"),
        title="¿Cómo sabemos que una formación cambió algo?",
        language="es",
        body=(
            "En Valparaíso enviamos tres preguntas por WhatsApp a los tres y a los seis "
            "meses: qué cambiaste, qué te lo impidió y qué necesitas. ¿Qué hacen ustedes?"
        ),
        replies=(
            (
                email("rosa.mamani"),
                "En Cusco el grupo decide al inicio qué cambio quiere, y al final lo revisamos "
                "juntas. El cambio es colectivo, no individual.",
            ),
            (
                email("maria-jose.ocampo"),
                "Nosotras hacemos un mapa de la comunidad antes y después. Se ve quién toma "
                "decisiones y dónde se reúnen las mujeres.",
            ),
        ),
    ),
    DemoThread(
        author=email("aissatou.fall"),
        title="Le changement se mesure-t-il vraiment ?",
        language="fr",
        body=(
            "Je me demande si tout changement doit être mesuré. Dans nos formations "
            "rurales, certaines choses se voient sans chiffres : qui prend la parole, qui "
            "garde les enfants pendant l'atelier."
        ),
        replies=(
            (
                email("prudence.ngoma"),
                "D'accord : nous notons simplement qui parle lors des réunions de quartier, "
                "avant et après. C'est une mesure, mais très simple.",
            ),
            (
                email("helene.marchand"),
                "À Lyon nous tenons un carnet de bord partagé avec les participantes. Il "
                "sert d'évaluation et de mémoire du groupe.",
            ),
        ),
    ),
)

OPEN_NUMBER = 11
OPEN_TITLE = "Intersectionality in training for gender equality"
OPEN_SUMMARY = (
    "What does intersectionality mean in training for gender equality, why does it matter, "
    "and how do we address it in our training programmes?"
)
OPEN_CONCEPT_NOTE = """\
## The what, why and how of intersectionality in training

Women and men are not only women and men: they are also young or old, rural or urban,
Indigenous, disabled, migrant, rich or poor. A training that speaks to "women" in
general often speaks to some women only.

This dialogue is a participatory reflection on **what** intersectionality means in the
context of training for gender equality, **why** it is important to take into account,
and **how** we can address it in the design, the delivery and the evaluation of our
trainings.
"""
OPEN_QUESTIONS = (
    "What does intersectionality mean in your training practice?",
    "Which participants do our trainings leave out, and why?",
    "How can a training's design take several inequalities into account at once?",
)
OPEN_EXPERTS = (
    DemoExpert(
        "Nalini Krishnaswamy",
        "Dalit Women's Learning Circle",
        "Trainer and researcher on caste, gender and popular education in Tamil Nadu.",
    ),
    DemoExpert(
        "Juana Tzul Cumes",
        "Colectiva Ixil de Formación",
        "Formadora maya; trabaja la interseccionalidad desde la educación comunitaria.",
    ),
)
OPEN_THREADS = (
    DemoThread(
        author=email("danielle.washington"),
        title="Starting from participants' own identities",
        language="en",
        body=(
            "We open every workshop with an identity map: each person draws the parts of "
            "themselves that matter at work. It makes intersectionality concrete before "
            "we ever use the word. Has anyone tried something similar?"
        ),
        replies=(
            (
                email("aroha.terangi"),
                "Yes, with a Māori framing: we start from whakapapa, where people come from. "
                "Gender is then one thread among several, not the only lens.",
            ),
            (
                email("grace.nguyen-walker"),
                "Careful with disclosure, though: in some groups asking people to name their "
                "identities in public is not safe. We let them keep the map private.",
            ),
        ),
    ),
    DemoThread(
        author=email("xochitl.ramirez"),
        title="Interseccionalidad con mujeres indígenas",
        language="es",
        body=(
            "En Oaxaca, muchas de nuestras participantes hablan zapoteco o mixteco y poco "
            "español. Formar en género sin tomar en cuenta la lengua y el territorio deja "
            "fuera justo a quienes más lo necesitan."
        ),
        replies=(
            (
                email("ixchel.pop"),
                "Lo mismo en Cobán: dimos el taller en q'eqchi' con una intérprete de la "
                "comunidad y la participación se triplicó.",
            ),
            (
                email("begona.etxeberria"),
                "Muy interesante. En los ayuntamientos vascos empezamos a cruzar datos de "
                "género con origen y edad para diseñar las formaciones.",
            ),
        ),
    ),
    DemoThread(
        author=email("salma.bennani"),
        title="Intersectionnalité et statistiques publiques",
        language="fr",
        body=(
            "Les administrations avec lesquelles je travaille ont des données par sexe, "
            "mais rarement croisées avec le milieu rural ou le handicap. Comment former "
            "les statisticiennes à penser ces croisements ?"
        ),
        replies=(
            (
                email("rose-marie.jean-baptiste"),
                "En Haïti nous commençons par un exercice : retrouver dans les tableaux une "
                "femme précise de la communauté. Souvent, elle n'y est pas.",
            ),
        ),
    ),
)

ANNOUNCED_NUMBER = 12
ANNOUNCED_TITLE = "Evaluating training for gender equality six months on"
ANNOUNCED_SUMMARY = (
    "Most evaluations stop at the end of the course. How do we learn what participants "
    "changed in their practice six months later, with little money and time?"
)
ANNOUNCED_CONCEPT_NOTE = """\
Members asked for it in the General Discussion Forum: simple tools to measure what a
training changed, months after it ended. This dialogue gathers the practices of the
community, from WhatsApp questionnaires to community maps, and discusses them with
specialists in evaluation.
"""
ANNOUNCED_QUESTIONS = (
    "What do you ask participants six months after a training?",
    "Which simple, low-cost tools have worked for you?",
)
