"""Many resources for the search benchmark, written with bulk inserts.

`generate_resources(10_000)` adds published resources (with a few waiting and declined
ones, which search must not show) in English, Spanish and French, filed under the demo
themes, with their language rows, and indexes them for search batch by batch, since
bulk inserts send no signals. Titles and descriptions are built from phrases that real
training material uses, so one-word, two-word and phrase queries find realistic numbers
of matches. The same count always gives the same text.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.db import transaction

from tertulia.accounts.models import Member, Role
from tertulia.core.markdown import render_markdown
from tertulia.library.demo import create_demo_themes
from tertulia.library.models import (
    Resource,
    ResourceKind,
    ResourceLanguage,
    ResourceStatus,
)
from tertulia.library.search_documents import KIND
from tertulia.search.registry import reindex_objects

BATCH = 2000
BENCH_SUBMITTER = "bench-library@bench.example"
# Called with the number of resources just written (e.g. forums' `Progress.advance`).
ProgressCallback = Callable[[int], object]

_PHRASES = {
    "en": {
        "kinds": ("Manual", "Toolkit", "Guide", "Course material", "Report", "Case study"),
        "topics": (
            "gender equality training",
            "feminist pedagogy",
            "intersectionality",
            "the care economy",
            "gender-responsive budgeting",
            "masculinities",
            "gender-based violence prevention",
            "evaluation of training",
            "awareness-raising workshops",
            "online facilitation",
        ),
        "audiences": (
            "trainers",
            "public servants",
            "youth workers",
            "trade unions",
            "health workers",
            "local governments",
        ),
        "title": "{kind} on {topic} for {audience}",
        "body": (
            "This {kind_lower} helps {audience} plan and deliver sessions on {topic}. "
            "It gathers exercises, case material and evaluation tools tested in {place}, "
            "and explains how training for gender equality can lead to lasting change."
        ),
    },
    "es": {
        "kinds": (
            "Manual",
            "Caja de herramientas",
            "Guía",
            "Material de curso",
            "Informe",
            "Estudio de caso",
        ),
        "topics": (
            "capacitación en igualdad de género",
            "pedagogía feminista",
            "interseccionalidad",
            "la economía del cuidado",
            "presupuestos con enfoque de género",
            "masculinidades",
            "prevención de la violencia de género",
            "evaluación de la capacitación",
            "talleres de sensibilización",
            "formación en línea",
        ),
        "audiences": (
            "capacitadoras",
            "personal de la administración pública",
            "organizaciones juveniles",
            "sindicatos",
            "personal de salud",
            "gobiernos locales",
        ),
        "title": "{kind} sobre {topic} para {audience}",
        "body": (
            "Este material ayuda a {audience} a planificar y facilitar sesiones sobre {topic}. "
            "Reúne ejercicios, casos y herramientas de evaluación probadas en {place}, y "
            "explica cómo las capacitaciones de género pueden lograr cambios duraderos."
        ),
    },
    "fr": {
        "kinds": (
            "Manuel",
            "Boîte à outils",
            "Guide",
            "Support de cours",
            "Rapport",
            "Étude de cas",
        ),
        "topics": (
            "la formation à l'égalité de genre",
            "la pédagogie féministe",
            "l'intersectionnalité",
            "l'économie des soins",
            "la budgétisation sensible au genre",
            "les masculinités",
            "la prévention des violences basées sur le genre",
            "l'évaluation des formations",
            "les ateliers de sensibilisation",
            "la formation en ligne",
        ),
        "audiences": (
            "formatrices",
            "agents publics",
            "associations de jeunesse",
            "syndicats",
            "personnels de santé",
            "collectivités locales",
        ),
        "title": "{kind} sur {topic} pour les {audience}",
        "body": (
            "Ce document aide les {audience} à préparer et animer des séances sur {topic}. "
            "Il rassemble des exercices, des cas et des outils d'évaluation testés à {place}, "
            "et explique comment les formations au genre peuvent produire un changement durable."
        ),
    },
}
_PLACES = (
    "Nairobi",
    "Bogotá",
    "Dakar",
    "Manila",
    "Santo Domingo",
    "Kathmandu",
    "Tunis",
    "Lima",
    "Brazzaville",
    "Quito",
    "Abidjan",
    "Dhaka",
)
_ORGANISATIONS = (
    "UN Women Training Centre",
    "ILO",
    "Genre en Action",
    "Promundo",
    "CEPAL",
    "EIGE",
    "Oxfam",
    "UNDP",
    "FAO",
    "Gender at Work",
)
_SPAN_DAYS = 10 * 365


def _submitter() -> Member:
    member = Member.objects.filter(role=Role.FACILITATOR, is_active=True).order_by("pk").first()
    if member is not None:
        return member
    member, _created = Member.objects.get_or_create(
        email=BENCH_SUBMITTER,
        defaults={"display_name": "Library bench", "role": Role.FACILITATOR},
    )
    return member


def _resource(rng: random.Random, number: int, submitter: Member, now: datetime) -> Resource:
    language = rng.choice(("en", "en", "es", "fr"))
    phrases = _PHRASES[language]
    kind_label = rng.choice(phrases["kinds"])
    words = {
        "kind": kind_label,
        "kind_lower": kind_label.lower(),
        "topic": rng.choice(phrases["topics"]),
        "audience": rng.choice(phrases["audiences"]),
        "place": rng.choice(_PLACES),
    }
    title = f"{str(phrases['title']).format(**words)} ({number})"
    description = str(phrases["body"]).format(**words)
    published = now - timedelta(days=rng.randrange(_SPAN_DAYS), minutes=rng.randrange(1440))
    roll = rng.random()
    status = (
        ResourceStatus.PENDING
        if roll < 0.02
        else ResourceStatus.DECLINED
        if roll < 0.03
        else ResourceStatus.PUBLISHED
    )
    return Resource(
        title=title[:200],
        slug=f"bench-{number}",
        description=description,
        description_html=render_markdown(description),
        description_language=language,
        kind=rng.choice(ResourceKind.values),
        languages=sorted({language, rng.choice(("", "", "en", "es", "fr"))} - {""}),
        year=published.year,
        organisation=rng.choice(_ORGANISATIONS),
        url=f"https://resources.bench.example/{number}",
        status=status,
        decline_reason="Out of scope." if status == ResourceStatus.DECLINED else "",
        is_featured=rng.random() < 0.002,
        submitted_by=submitter,
        approved_by=submitter if status != ResourceStatus.PENDING else None,
        created_at=published,
        updated_at=published,
        published_at=published if status == ResourceStatus.PUBLISHED else None,
        download_count=int(rng.paretovariate(1.5)) - 1,
    )


def generate_resources(count: int = 10_000, *, progress: ProgressCallback | None = None) -> int:
    """Add `count` resources (and index them); the number written."""
    rng = random.Random(count)  # noqa: S311  # bench text, not secrets
    submitter = _submitter()
    theme_ids = [theme.pk for theme in create_demo_themes().values()]
    through = Resource.themes.through
    now = datetime.now(UTC)
    first = int(Resource.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    written = 0
    while written < count:
        size = min(BATCH, count - written)
        rows = [_resource(rng, first + written + n, submitter, now) for n in range(size)]
        with transaction.atomic():
            created = Resource.objects.bulk_create(rows)
            languages: list[ResourceLanguage] = []
            filed = []
            for resource in created:
                languages += [
                    ResourceLanguage(resource=resource, code=c) for c in resource.languages
                ]
                filed += [
                    through(resource_id=resource.pk, theme_id=theme_id)
                    for theme_id in rng.sample(theme_ids, rng.randint(1, 3))
                ]
            ResourceLanguage.objects.bulk_create(languages)
            through.objects.bulk_create(filed)
            reindex_objects(KIND, [resource.pk for resource in created])
        written += size
        if progress is not None:
            progress(size)
    return written
