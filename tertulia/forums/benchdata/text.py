"""The words of the bench community: sentences, titles and names in English, Spanish and French.

A small built-in list combined at random (with the generator's seeded Random), so runs
are repeatable and the text reads like the community's own without shipping a corpus.
"""

from __future__ import annotations

import random

from tertulia.core.markdown import render_markdown

LANGUAGES = ("en", "es", "fr")

SENTENCES = {
    "en": (
        "We started every workshop by asking who does the unpaid care work at home.",
        "The participants mapped which decisions in their ministry are taken without women.",
        "A gender-responsive budget begins with data broken down by sex and age.",
        "Role plays worked better than slides when we talked about harassment at work.",
        "Six months later, three district offices had changed how they recruit staff.",
        "Men in the group were surprised by how many hours their sisters spend fetching water.",
        "We translated the toolkit into Swahili so the village facilitators could use it.",
        "Has anyone evaluated a training beyond the satisfaction form on the last day?",
        "Our online course reached trainers in twelve countries on very slow connections.",
        "Intersectionality stopped being a buzzword once we used real stories from the region.",
        "The police academy now includes a module on survivor-centred interviews.",
        "I would love to hear how you adapt these exercises for rural youth groups.",
    ),
    "es": (
        "Empezamos cada taller preguntando quién hace el trabajo de cuidados en casa.",
        "Las participantes identificaron qué decisiones se toman sin las mujeres.",
        "Un presupuesto con enfoque de género empieza con datos desagregados por sexo.",
        "Los juegos de roles funcionaron mejor que las diapositivas para hablar de acoso.",
        "Seis meses después, tres alcaldías cambiaron su forma de contratar personal.",
        "Traducimos la guía al quechua para que las promotoras pudieran usarla.",
        "¿Alguien ha evaluado una formación más allá del formulario de satisfacción?",
        "Nuestro curso en línea llegó a formadoras de doce países con conexiones lentas.",
        "La interseccionalidad dejó de ser una palabra de moda con historias reales.",
        "La academia de policía incluye ahora un módulo de entrevistas centradas en la víctima.",
        "Me encantaría saber cómo adaptan estos ejercicios para grupos de jóvenes rurales.",
        "Las nuevas masculinidades fueron el tema que más debate generó en el grupo.",
    ),
    "fr": (
        "Nous commençons chaque atelier en demandant qui fait le travail domestique.",
        "Les participantes ont repéré les décisions prises sans les femmes du ministère.",
        "Un budget sensible au genre commence par des données ventilées par sexe et âge.",
        "Les jeux de rôle ont mieux marché que les diapositives pour parler de harcèlement.",
        "Six mois plus tard, trois communes avaient changé leur façon de recruter.",
        "Nous avons traduit la boîte à outils en wolof pour les animatrices des villages.",
        "Quelqu'un a-t-il évalué une formation au-delà du questionnaire du dernier jour ?",
        "Notre cours en ligne a touché des formatrices de douze pays malgré les coupures.",
        "L'intersectionnalité a pris sens quand nous avons utilisé des récits de la région.",
        "L'école de police a ajouté un module sur l'écoute des victimes de violences.",
        "J'aimerais savoir comment vous adaptez ces exercices aux groupes de jeunes ruraux.",
        "Le théâtre-forum a ouvert la discussion sur les violences faites aux femmes.",
    ),
}
TITLE_STARTS = {
    "en": ("Ideas for", "Question about", "Resources on", "Lessons from", "Evaluating"),
    "es": ("Ideas para", "Pregunta sobre", "Recursos sobre", "Lecciones de", "Evaluar"),
    "fr": ("Des idées pour", "Question sur", "Ressources sur", "Leçons de", "Évaluer"),
}
TOPICS = {
    "en": (
        "gender budgeting with local governments",
        "training police officers on violence prevention",
        "workshops on masculinities with young men",
        "unpaid care work indicators",
        "online facilitation on slow connections",
        "bias training that changes practice",
    ),
    "es": (
        "presupuestos con enfoque de género",
        "formación de la policía en prevención de violencia",
        "talleres de masculinidades con jóvenes",
        "indicadores del trabajo de cuidados",
        "facilitación en línea con conexiones lentas",
        "liderazgo de mujeres indígenas",
    ),
    "fr": (
        "la budgétisation sensible au genre",
        "la formation des forces de l'ordre",
        "les ateliers sur les masculinités",
        "les indicateurs du travail de soin",
        "l'animation en ligne avec peu de bande passante",
        "le leadership des femmes rurales",
    ),
}
FIRST_NAMES = (
    "Aïssatou", "Camila", "Wanjiru", "Thandiwe", "Hiwot", "Ngozi", "Fatima", "Lucía",
    "Nadège", "Mariana", "Priya", "Misaki", "Jiyeon", "Huiling", "Olga", "Siobhan",
    "Kofi", "Tomás", "Rohan", "Mateo", "Jean-Baptiste", "Ahmed", "Diego", "Sipho",
)  # fmt: skip
LAST_NAMES = (
    "Ndiaye", "Reyes", "Kamau", "Mokoena", "Tesfaye", "Okafor", "Benali", "García",
    "Mavoungou", "Silva", "Sharma", "Sato", "Kim", "Chen", "Kowalska", "Ó Briain",
    "Mensah", "Lindqvist", "Deshpande", "Quispe", "Dubois", "Haddad", "Rojas", "Dlamini",
)  # fmt: skip
PLACES = (
    ("SN", "Africa/Dakar", "fr"), ("KE", "Africa/Nairobi", "en"),
    ("MX", "America/Mexico_City", "es"), ("PE", "America/Lima", "es"),
    ("IN", "Asia/Kolkata", "en"), ("FR", "Europe/Paris", "fr"),
    ("GB", "Europe/London", "en"), ("CG", "Africa/Brazzaville", "fr"),
    ("PH", "Asia/Manila", "en"), ("AR", "America/Argentina/Buenos_Aires", "es"),
    ("CA", "America/Toronto", "en"),
)  # fmt: skip
TAGS = ("care economy", "evaluation", "GBV prevention", "masculinities", "budgeting", "toolkits")


def thread_title(rng: random.Random, language: str) -> str:
    return f"{rng.choice(TITLE_STARTS[language])} {rng.choice(TOPICS[language])}"


def member_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def body_pool(rng: random.Random, language: str, count: int = 60) -> list[tuple[str, str]]:
    """Markdown bodies with their HTML, rendered once here and reused for every post."""
    pool = []
    for n in range(count):
        paragraphs = [
            " ".join(rng.sample(SENTENCES[language], rng.randint(1, 3)))
            for _ in range(rng.randint(1, 3))
        ]
        if n % 5 == 1:
            paragraphs[0] = "**" + paragraphs[0] + "**"
        if n % 7 == 2:
            paragraphs.append("\n".join("- " + s for s in rng.sample(SENTENCES[language], 3)))
        if n % 9 == 3:
            paragraphs.append(f"See https://example.org/toolkits/{language}/{n} for the slides.")
        body = "\n\n".join(paragraphs)
        pool.append((body, render_markdown(body)))
    return pool
