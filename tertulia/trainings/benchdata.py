"""Many trainings for the search benchmark, written with bulk inserts.

`generate_trainings(5_000)` adds trainings in English, Spanish and French (most
published, a few waiting and declined, which search must not show), with deadlines
spread over two years around today, mixed formats and costs, filed under the demo
themes, and indexes them for search batch by batch, since bulk inserts send no signals.
The same count always gives the same text.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tertulia.core.markdown import render_markdown
from tertulia.core.models import Theme
from tertulia.search.registry import reindex_objects
from tertulia.trainings.demo import THEMES
from tertulia.trainings.models import Training, TrainingFormat, TrainingStatus
from tertulia.trainings.queries import forget_language_choices
from tertulia.trainings.search_documents import KIND
from tertulia.trainings.services.details import training_slug

BATCH = 1000
# Called with the number of trainings just written (e.g. forums' `Progress.advance`).
ProgressCallback = Callable[[int], object]

_TEXT = {
    "en": {
        "kinds": ("Course", "Workshop", "Training of trainers", "Summer school", "Webinar series"),
        "topics": (
            "gender equality training", "gender-responsive evaluation", "feminist pedagogy",
            "intersectionality in practice", "the care economy", "gender-responsive budgeting",
            "engaging men and boys", "gender mainstreaming", "women's leadership",
            "gender in humanitarian action",
        ),
        "providers": (
            "UN Women Training Centre", "ILO International Training Centre", "Gender at Work",
            "Promundo", "SAMYAK Pune", "Pacific Women's Network",
        ),
        "sentence": "A {kind} on {topic} for trainers, with case studies and exercises.",
        "zones": ("America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Auckland"),
    },
    "es": {
        "kinds": ("Curso", "Taller", "Formación de formadoras", "Escuela de verano", "Diplomado"),
        "topics": (
            "capacitación en igualdad de género", "evaluación con enfoque de género",
            "pedagogía feminista", "interseccionalidad", "economía del cuidado",
            "presupuestos con enfoque de género", "masculinidades", "liderazgo de las mujeres",
        ),
        "providers": (
            "ONU Mujeres", "CEPAL", "Colectiva Feminista Quito", "Centro de Estudios de Género",
        ),
        "sentence": "Un {kind} sobre {topic} para capacitadoras, con estudios de caso.",
        "zones": (
            "America/Santo_Domingo", "America/Bogota", "America/Mexico_City", "Europe/Madrid",
        ),
    },
    "fr": {
        "kinds": ("Cours", "Atelier", "Formation de formatrices", "Université d'été"),
        "topics": (
            "la formation à l'égalité de genre", "l'évaluation sensible au genre",
            "les pédagogies féministes", "l'intersectionnalité", "l'économie des soins",
            "la budgétisation sensible au genre", "le leadership des femmes",
        ),
        "providers": ("Genre en Action", "Université populaire des femmes", "ONU Femmes"),
        "sentence": "Un {kind} sur {topic} pour les formatrices, avec des études de cas.",
        "zones": ("Europe/Paris", "Africa/Dakar", "Africa/Ouagadougou", "America/Montreal"),
    },
}  # fmt: skip
_COSTS = (None, None, None, ("450", "USD"), ("1250.50", "EUR"), ("75000", "XOF"), ("8500", "INR"))
_PLACES = ("Dakar, Senegal", "Quito, Ecuador", "Turin, Italy", "Pune, India", "Nairobi, Kenya")


def _themes() -> list[Theme]:
    return [
        Theme.objects.get_or_create(
            slug=slug, defaults={"name_en": english, "name_es": spanish, "name_fr": french}
        )[0]
        for slug, english, spanish, french in THEMES
    ]


def _training(rng: random.Random, number: int, today: date) -> Training:
    language = rng.choice(("en", "en", "es", "fr"))
    text = _TEXT[language]
    kind, topic = rng.choice(text["kinds"]), rng.choice(text["topics"])
    title = f"{kind}: {topic} ({number})"
    description = str(text["sentence"]).format(kind=kind.lower(), topic=topic)
    starts_on = today + timedelta(days=rng.randint(-400, 400))
    ends_on = starts_on + timedelta(days=rng.choice((1, 3, 14, 42, 90)))
    deadline = starts_on - timedelta(days=rng.randint(0, 30)) if rng.random() < 0.9 else None
    training_format = rng.choice(TrainingFormat.values)
    cost = rng.choice(_COSTS)
    status = rng.choices(
        (TrainingStatus.PUBLISHED, TrainingStatus.PENDING, TrainingStatus.DECLINED), (95, 3, 2)
    )[0]
    now = timezone.now()
    training = Training(
        title=title,
        slug=training_slug(title),
        provider=rng.choice(text["providers"]),
        description=description,
        description_html=render_markdown(description),
        language=language,
        format=training_format,
        location=rng.choice(_PLACES)
        if training_format in {TrainingFormat.FACE_TO_FACE, TrainingFormat.BLENDED}
        else "",
        languages=[language] if rng.random() < 0.7 else [language, "en"],
        time_zone=rng.choice(text["zones"]),
        starts_on=starts_on,
        ends_on=ends_on,
        deadline_on=deadline,
        cost_amount=Decimal(cost[0]) if cost else None,
        currency=cost[1] if cost else "",
        has_certificate=rng.random() < 0.5,
        url=f"https://example.org/trainings/{number}",
        status=status,
        decline_reason="Out of scope." if status == TrainingStatus.DECLINED else "",
        created_at=now,
        updated_at=now,
        published_at=now if status == TrainingStatus.PUBLISHED else None,
    )
    training.derive_instants()
    return training


def generate_trainings(count: int = 5_000, *, progress: ProgressCallback | None = None) -> int:
    """Add `count` trainings and index them; the number written."""
    rng = random.Random(f"trainings-{count}")  # noqa: S311  # test data, not secrets
    themes = _themes()
    today = timezone.localdate()
    through = Training.themes.through
    written = 0
    while written < count:
        size = min(BATCH, count - written)
        with transaction.atomic():
            created = Training.objects.bulk_create(
                [_training(rng, written + offset + 1, today) for offset in range(size)]
            )
            through.objects.bulk_create(
                [
                    through(training_id=training.pk, theme_id=theme.pk)
                    for training in created
                    for theme in rng.sample(themes, rng.randint(0, 2))
                ]
            )
            reindex_objects(KIND, [training.pk for training in created])
        written += size
        if progress is not None:
            progress(size)
    forget_language_choices()
    return written
